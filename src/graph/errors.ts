// Typed Graph failures: every error that reaches a user names the request, Graph's status and code, the request
// id Microsoft support asks for, and a hint about what to do.

export class GraphRequestError extends Error {
  readonly method: string;
  readonly path: string;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly hint: string;
  constructor(init: {
    method: string;
    path: string;
    status: number;
    code: string;
    message: string;
    requestId: string | null;
    hint?: string;
  }) {
    super(`${init.method} ${init.path}: ${init.status === 0 ? "no response" : `${init.status} ${init.code}`}: ${init.message}`);
    this.name = "GraphRequestError";
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.hint = init.hint ?? hintFor(init.status, init.code);
  }

  /** One line for a terminal or a log: message, request id, hint. */
  describe(): string {
    return `${this.message}${this.requestId ? ` (request-id ${this.requestId})` : ""}\n  hint: ${this.hint}`;
  }
}

/**
 * A write that is not safe to send twice (a create) whose response never arrived, because the connection failed or
 * the attempt timed out: it may or may not have happened; callers reconcile before retrying. `cause` says which.
 */
export class LostResponseError extends GraphRequestError {
  /**
   * `answered`: Graph did answer, with a server error (500, 502, 503, 504), which does not say the create was not
   * committed (a gateway's 504 can even come before the service commits), so it is as unknown as no answer at all.
   */
  constructor(method: string, path: string, cause: string, answered?: { readonly status: number; readonly requestId: string | null }) {
    super({
      method,
      path,
      status: answered?.status ?? 0,
      code: "LostResponse",
      message: cause,
      requestId: answered?.requestId ?? null,
      hint: "The write may have happened. Read the object back (by name) before trying again; intune-plan does this itself for creates.",
    });
    this.name = "LostResponseError";
  }
}

/** A call that got no complete response in time: one attempt past its timeout, or every attempt past the call's deadline. */
export class GraphTimeoutError extends GraphRequestError {
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
  constructor(method: string, path: string, message: string, timeoutMs: number) {
    super({
      method,
      path,
      status: 0,
      code: "Timeout",
      message,
      requestId: null,
      hint: "Graph did not answer in time: check the network and Graph's service health, then run again. If calls are legitimately slow, raise INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS (default 60 per attempt).",
    });
    this.name = "GraphTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** Graph asked to wait (Retry-After) longer than the client is willing to: failing now beats a run that sleeps for hours. */
export class RetryAfterTooLongError extends GraphRequestError {
  /** What Graph asked for, in seconds. */
  readonly retryAfterSeconds: number;
  constructor(init: {
    method: string;
    path: string;
    status: number;
    requestId: string | null;
    retryAfterSeconds: number;
    capSeconds: number;
  }) {
    super({
      method: init.method,
      path: init.path,
      status: init.status,
      code: "RetryAfterTooLong",
      requestId: init.requestId,
      message: `Graph asked to retry after ${init.retryAfterSeconds} s, more than the ${init.capSeconds} s intune-plan waits`,
      hint: "The tenant is throttled or Graph is degraded for a long time: run again after the wait. INTUNE_PLAN_RETRY_AFTER_CAP_SECONDS raises the longest wait.",
    });
    this.name = "RetryAfterTooLongError";
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** @azure/identity's failures to get a token, by name (its classes are not shared across package copies). */
const SIGN_IN_FAILURES = new Set([
  "CredentialUnavailableError",
  "AuthenticationError",
  "AggregateAuthenticationError",
  "AuthenticationRequiredError",
]);

export const isSignInFailure = (error: unknown): error is Error => error instanceof Error && SIGN_IN_FAILURES.has(error.name);

/**
 * The credential could not get a token, so the request was never sent. Not retried (the same credential fails the
 * same way), and its hint is about credentials, or about reaching the sign-in endpoint when that is what failed.
 */
export class SignInError extends GraphRequestError {
  constructor(method: string, path: string, cause: Error) {
    // AuthenticationError's message leads with the OAuth code and status; Entra's own sentence (AADSTS…) is the cause.
    const description = (cause as Error & { errorResponse?: { errorDescription?: unknown } }).errorResponse?.errorDescription;
    const text = typeof description === "string" && description.trim() !== "" ? description : cause.message;
    const reason = text.trim().split("\n")[0]?.trim() || cause.name;
    super({ method, path, status: 0, code: "SignInFailed", message: reason, requestId: null, hint: signInHint(cause) });
    this.name = "SignInError";
    this.message = `${method} ${path}: not sent: signing in to Microsoft Graph failed: ${reason}`;
  }
}

function signInHint(cause: Error): string {
  if (/network_error|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed/i.test(cause.message)) {
    return "The sign-in endpoint (login.microsoftonline.com or your cloud's) could not be reached: check the network and any proxy (HTTPS_PROXY), then retry.";
  }
  if (cause.name === "CredentialUnavailableError") {
    return "This sign-in method is not available here: for --auth azureCli install the Azure CLI and run az login; for managedIdentity run on an Azure host with one; or choose another --auth (see README, Authentication).";
  }
  return "Entra ID refused the credential: check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret, certificate or federated token (expired? for this app?); the AADSTS code in the message names the cause.";
}

export function hintFor(status: number, code: string): string {
  if (status === 0) return "Graph did not answer: check the endpoint and network, then retry.";
  if (status === 400)
    return "Graph refused the request body; the message names the property. Run `intune-plan validate` and report a bug if the plan validates.";
  if (status === 401) return "Authentication failed: check the tenant id, client id and credential (see README, Authentication).";
  if (status === 403)
    return "The app lacks a Graph permission or an Intune licence: grant the scopes `intune-plan permissions` prints, with admin consent.";
  if (status === 404)
    return "The object is gone: deleted outside the plan, or the id belongs to another tenant. `intune-plan drift` shows what changed.";
  if (status === 409 || code === "Conflict") return "Another change to the same object won; read it back and retry.";
  if (status === 429)
    return "Graph kept throttling after every retry, so other apps are using this tenant's limits too: wait a few minutes and run again.";
  if (status >= 500)
    return "Graph failed on its side after every retry: try again later; if it persists, give Microsoft support the request id.";
  return "See the message and Graph's documentation for the endpoint.";
}

/** Intune wraps its message as a JSON string with `Message` (GRAPH-NOTES §10.3); directory errors are plain. */
export function graphMessage(raw: string): string {
  if (!raw.startsWith("{")) return raw;
  try {
    const inner = JSON.parse(raw) as { Message?: unknown };
    return typeof inner.Message === "string" ? inner.Message.replace(/ - Operation ID \(for customer support\):.*$/s, "") : raw;
  } catch {
    return raw;
  }
}

/**
 * A create whose outcome is unknown (its reply was lost, or a gateway timed out) and whose object no look-up found
 * within the tenant's replication window. It is not sent again: it may have been made and be replicating still, and
 * a second send would make a second object. It carries no `id` (Pulumi would record any id as a partial create).
 */
export class CreateUnconfirmedError extends GraphRequestError {
  readonly address: string;
  override readonly cause: LostResponseError;
  constructor(init: {
    address: string;
    displayName: string;
    mailNickname?: string | undefined;
    lookup: string;
    waitedMs: number;
    cause: LostResponseError;
  }) {
    super({
      method: init.cause.method,
      path: init.cause.path,
      status: init.cause.status,
      code: "CreateUnconfirmed",
      requestId: init.cause.requestId,
      message: `${init.address}: the create of "${init.displayName}" may have happened (${init.cause.message}), but no look-up found it within ${Math.round(init.waitedMs) / 1000} s; it was not sent again`,
      hint: `Check the tenant before running again: GET ${init.lookup}${init.mailNickname === undefined ? "" : ` (the plan's object has mailNickname "${init.mailNickname}")`}. If the object is there, it is this create's: set adopt: true on ${init.address} (or delete it) and run again. If it is not, run again.`,
    });
    this.name = "CreateUnconfirmedError";
    this.address = init.address;
    this.cause = init.cause;
  }
}

/** What was wrong with an answer the client refused. */
export type UnexpectedResponseCode = "UnexpectedResponse" | "RedirectRefused" | "ResponseTooLarge" | "BadNextLink" | "TooManyPages";

const UNEXPECTED_HINTS: Readonly<Record<UnexpectedResponseCode, string>> = {
  UnexpectedResponse:
    "The answer is not Microsoft Graph's JSON: a proxy, captive portal or sign-in page may be answering instead, or the endpoint is not Graph. Check the endpoint and the network path; if Graph itself answered, give Microsoft support the request id.",
  RedirectRefused:
    "intune-plan never follows a redirect off the tenant's Graph host (its answers could be anyone's). Check the endpoint and any proxy in the network path.",
  ResponseTooLarge:
    "The answer is larger than intune-plan reads: check the endpoint; if a collection is legitimately this large, raise the limit.",
  BadNextLink:
    "A collection's next page link points off the tenant's Graph host or back to a page already read: the answer cannot be trusted to end. Check the endpoint and any proxy in the network path.",
  TooManyPages:
    "A collection had more pages than intune-plan reads: check the endpoint; if the collection is legitimately this large, raise the limit.",
};

/**
 * An answer the client refused instead of reading: a 2xx that is not the JSON shape the request expects (HTML, empty,
 * an array), a redirect off the tenant's host, a body past the size cap, a next-page link that leaves the host,
 * repeats or never ends. Reading such an answer as data once made an empty tenant out of a captive portal's page.
 */
export class UnexpectedResponseError extends GraphRequestError {
  constructor(init: {
    method: string;
    path: string;
    status: number;
    code: UnexpectedResponseCode;
    message: string;
    requestId: string | null;
  }) {
    super({ ...init, hint: UNEXPECTED_HINTS[init.code] });
    this.name = "UnexpectedResponseError";
  }
}
