// The Graph client: @microsoft/microsoft-graph-client with our policy middleware in its chain. The middleware owns
// what the SDK's own retry handler does not do the way Intune needs (GRAPH-NOTES §10.4–10.5): fractional and
// missing Retry-After, jittered exponential backoff, a bounded number of attempts, the tenant's throttling limits kept
// on our side (request-budget.ts: every attempt waits for its turn), and
// never resending a create whose response was lost or answered with a server error, and deadlines: Pulumi's engine sets none and its Node host
// ignores customTimeouts and Cancel, so a call that hangs would hang `pulumi up` (PULUMI-CLI §5 gap 11). Every
// failure leaves as a GraphRequestError.
import { AsyncLocalStorage } from "node:async_hooks";
import type { TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { AuthenticationHandler, Client, GraphError } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { Json, JsonObject } from "../compile/desired-state.ts";
import type { UnexpectedResponseCode } from "./errors.ts";
import type { RequestBudget } from "./request-budget.ts";
import type { Answer, Outgoing, Send } from "./transport.ts";
import { fromFetch, headersOf, undiciTransport } from "./transport.ts";
import {
  graphMessage,
  GraphRequestError,
  GraphTimeoutError,
  isSignInFailure,
  LostResponseError,
  RetryAfterTooLongError,
  SignInError,
  UnexpectedResponseError,
} from "./errors.ts";

import type { GraphVersion } from "../graph-model/vocabulary.ts";
export type { GraphVersion };

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Multiplies every wait; tests against the emulator shrink time with it. */
  readonly timeScale: number;
  /**
   * How long a create whose outcome is unknown (lost reply, server error) is looked for before it counts as not
   * made, in waits between look-ups (scaled by `timeScale`). A new group can stay invisible to a look-up for
   * tens of seconds while the directory replicates (GRAPH-NOTES §2.6); Intune objects are read back sooner.
   */
  readonly groupLookupWindowMs: number;
  readonly lookupWindowMs: number;
}

/** The waits between look-ups for an unconfirmed create: first, doubling to at most max, `windowMs` in all. */
export interface LookupSchedule {
  readonly windowMs: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * How long the client waits. Real time, never scaled by `timeScale`. The environment sets them through
 * connectGraph: INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS (attemptMs) and INTUNE_PLAN_RETRY_AFTER_CAP_SECONDS (maxRetryAfterMs).
 */
export interface Deadlines {
  /** One attempt: the token, the request and the whole response body. Default 60 s. */
  readonly attemptMs: number;
  /** One call, from its first attempt to its last, retries and waits included. Default ten attempts' worth. */
  readonly callMs: number;
  /** The longest Retry-After the client waits; Graph asking for more is a RetryAfterTooLongError. Default 300 s. */
  readonly maxRetryAfterMs: number;
}

/** The given limits, the rest defaulted; the call's deadline follows the attempt timeout unless set. */
function resolveDeadlines(given: Partial<Deadlines> = {}): Deadlines {
  const attemptMs = given.attemptMs ?? 60_000;
  return { attemptMs, callMs: given.callMs ?? attemptMs * 10, maxRetryAfterMs: given.maxRetryAfterMs ?? 300_000 };
}

/** How much of an answer the client reads: past these it refuses instead of reading on. */
export interface Limits {
  /** The largest response body, in bytes. Default 64 MiB: Graph pages are a few MB at most. */
  readonly maxResponseBytes: number;
  /** The most pages one collection listing follows. Default 5,000 (at 100–999 items a page, far past any tenant). */
  readonly maxPages: number;
}

const DEFAULT_LIMITS: Limits = { maxResponseBytes: 64 * 1024 * 1024, maxPages: 5_000 };

export interface GraphClientOptions {
  /** https://graph.microsoft.com (or a national cloud), or the emulator's http://127.0.0.1:port. */
  readonly endpoint: string;
  /** Absent for the emulator, which needs no sign-in. */
  readonly credential?: TokenCredential;
  /**
   * Sent with every request. The emulator's fixed bearer token travels here (connectGraph sets it): the SDK's
   * AuthenticationHandler signs only https:// hosts and strips Authorization from any other.
   */
  readonly headers?: Readonly<Record<string, string>>;
  readonly retry?: Partial<RetryPolicy>;
  readonly deadlines?: Partial<Deadlines>;
  /** The app's throttling limits in this tenant (request-budget.ts), shared by its clients; none for the emulator. */
  readonly budget?: RequestBudget;
  readonly random?: () => number;
  readonly limits?: Partial<Limits>;
  /** How requests leave: undici (transport.ts), or a fetch to an in-process Graph for tests that run on a fake clock. */
  readonly fetch?: typeof fetch;
}

/**
 * Ten attempts for failures that are not throttling, with backoff 1, 2, 4, 8, 16, then 30 s (jittered): a persistent
 * failure surfaces within about two minutes, and a write whose replies are lost 40 % of the time (the soak's harshest
 * mix) still gets through in all but about one call in ten thousand.
 */
const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeScale: 1,
  groupLookupWindowMs: 60_000,
  lookupWindowMs: 15_000,
};
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
/** Server errors after which a create may or may not have happened (a 429 is refused before any work: resent). */
const COMMIT_UNKNOWN_STATUS = new Set([500, 502, 503, 504]);
/** Marks a request that must not be sent twice (a create): set by the caller, removed before sending. */
const NOT_IDEMPOTENT = "x-intune-plan-not-idempotent";
/**
 * What a 2xx answer must be, set by the caller and removed before sending: a JSON object, a collection page
 * (`value` an array), a create's answer (an `id`), a $batch answer (`responses` an array), or nothing or an object.
 */
const EXPECT = "x-intune-plan-expect";
type Expectation = "object" | "collection" | "created" | "batch" | "optional";
const EXPECTATIONS: ReadonlySet<string> = new Set<Expectation>(["object", "collection", "created", "batch", "optional"]);
/**
 * A $batch envelope's inner requests as `METHOD path` pairs, space-separated (a path has none), set by batchRead and
 * removed before sending: Graph counts each against its limits, a POST (a report action) as a write.
 */
const BATCH_PATHS = "x-intune-plan-batch-paths";
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
/** Same-host redirects a GET follows; no other request follows any. */
const MAX_REDIRECTS = 5;
/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retry-After in seconds: a number (possibly fractional) or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return n;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

export interface RequestStats {
  requests: number;
  retries: number;
  throttled: number;
  writes: number;
}

/**
 * One call's slot, which the policy fills and GraphClient.call reads. `error`: the typed error the policy throws (the
 * SDK rewraps whatever a middleware throws into a GraphError with only a name and a message). `answer`: the 2xx body
 * the policy's check parsed, handed over as it is so that nothing parses it a second time (see handOver).
 */
interface CallSlot {
  error?: GraphRequestError;
  answer?: { readonly body: Json | undefined };
}
const callSlot = new AsyncLocalStorage<CallSlot>();

function fail(error: GraphRequestError): never {
  const slot = callSlot.getStore();
  if (slot) slot.error = error;
  throw error;
}

/** No response arrived: the connection failed (refused, reset, DNS). */
class NoResponse extends Error {}

/** The request's URL as a string (the SDK passes one; a Request carries its own). */
const urlOf = (request: Context["request"]): string => (typeof request === "string" ? request : request.url);

/**
 * A 2xx body as FetchHandler read it, for the policy's check, keyed by the Response the chain passes on. That Response
 * goes on without body or content type, so the SDK returns it unread (null) and the call takes the body the check
 * parsed (see handOver). A body stream built only for the check to read back cost more than the request (issue 12).
 */
const received = new WeakMap<Response, { readonly bytes: Uint8Array | null; readonly contentType: string | null }>();
const utf8 = new TextDecoder();

/**
 * The last link of the chain (instead of the SDK's HTTPMessageHandler): sends the request (transport.ts) and reads
 * its whole body, so an attempt's timeout also covers a body that stalls. An attempt that timed out while its token
 * was being acquired is aborted before it sends, so a late token never sends a create the caller already counts as
 * lost. Redirects are followed here only: a GET follows a few on the tenant's own origin, bearer token and all;
 * anything else is refused. A body past `maxResponseBytes` is refused without reading on.
 */
class FetchHandler implements Middleware {
  private readonly origin: string;
  private readonly maxResponseBytes: number;
  private readonly send: Send;
  constructor(origin: string, maxResponseBytes: number, send: Send) {
    this.origin = origin;
    this.maxResponseBytes = maxResponseBytes;
    this.send = send;
  }

  async execute(context: Context): Promise<void> {
    const options = context.options ?? {};
    const signal = options.signal ?? null;
    signal?.throwIfAborted();
    const method = (options.method ?? "GET").toUpperCase();
    if (options.body !== undefined && options.body !== null && typeof options.body !== "string")
      throw new Error(`a ${method} with a body that is not text (the SDK serialises JSON to text)`);
    const outgoing: Outgoing = { method, headers: headersOf(options.headers), body: options.body ?? null, signal };
    let url = urlOf(context.request);
    for (let hop = 0; ; hop++) {
      let answer: Answer;
      try {
        answer = await this.send(url, outgoing);
      } catch (error) {
        throw noResponse(error);
      }
      if (REDIRECT_STATUS.has(answer.status)) {
        const location = answer.headers.get("location");
        const target = location === null ? undefined : (URL.parse(location, url) ?? undefined);
        await answer.discard();
        const refuse = (why: string): never =>
          fail(
            new UnexpectedResponseError({
              method,
              path: new URL(url).pathname,
              status: answer.status,
              code: "RedirectRefused",
              requestId: answer.headers.get("request-id"),
              message: `redirected ${why}; not followed`,
            }),
          );
        if (!target) refuse("without a usable Location");
        else if (target.origin !== this.origin) refuse(`to another host (${target.origin})`);
        else if (method !== "GET") refuse(`a ${method}, which is never resent elsewhere`);
        else if (hop >= MAX_REDIRECTS) refuse(`more than ${MAX_REDIRECTS} times`);
        else {
          url = target.href;
          continue;
        }
      }
      const body = NULL_BODY.has(answer.status) ? null : await this.readBody(answer, method, url);
      const init = { status: answer.status, statusText: answer.statusText, headers: answer.headers };
      if (answer.status < 200 || answer.status >= 300) context.response = new Response(body, init);
      else {
        const contentType = answer.headers.get("content-type");
        answer.headers.delete("content-type");
        context.response = new Response(null, init);
        received.set(context.response, { bytes: body, contentType });
      }
      return;
    }
  }

  /** The whole body as one byte array, refused as soon as it is known to pass the cap (by Content-Length, or while it streams). */
  private async readBody(answer: Answer, method: string, url: string): Promise<Uint8Array> {
    const tooLarge = (): never =>
      fail(
        new UnexpectedResponseError({
          method,
          path: new URL(url).pathname,
          status: answer.status,
          code: "ResponseTooLarge",
          requestId: answer.headers.get("request-id"),
          message: `the answer is larger than ${this.maxResponseBytes} bytes`,
        }),
      );
    if (Number(answer.headers.get("content-length") ?? 0) > this.maxResponseBytes) {
      await answer.discard();
      tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of answer.body) {
        size += chunk.byteLength;
        // Leaving the loop ends the body (the iterator's return): nothing more is read.
        if (size > this.maxResponseBytes) tooLarge();
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof GraphRequestError) throw error;
      throw noResponse(error);
    }
    return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size);
  }
}

function noResponse(error: unknown): NoResponse {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return new NoResponse(`the connection failed before a response (${error instanceof Error ? error.message : String(error)}${cause})`);
}

/** A collection page as the check lets it through: `value` is an array, a next link a string on this origin. */
interface CollectionPage {
  readonly value: JsonObject[];
  readonly "@odata.nextLink"?: string;
}
/** A listing's pages so far: each page's check refuses a next link already followed and stops at the cap. */
interface Paging {
  readonly seen: Set<string>;
  pages: number;
  readonly maxPages: number;
}
const pagingSlot = new AsyncLocalStorage<Paging>();

/**
 * `problem`: why a 2xx body is not what `expect` asks for, absent when it is. `next`: a collection page's
 * @odata.nextLink as sent (any type), which the caller checks.
 */
function bodyProblem(
  expect: Expectation,
  status: number,
  contentType: string | null,
  text: string,
): { problem?: string; next?: unknown; body?: JsonObject } {
  if (text.trim() === "")
    return expect === "optional" || status === 204 ? {} : { problem: `an empty body where ${expected(expect)} was expected` };
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const looksHtml = /^\s*</.test(text);
  if (!/^application\/([a-z.+-]+\+)?json$/.test(type))
    return {
      problem: `a ${type === "" ? "body without a content type" : `${type} body`} (${text.length} characters${looksHtml ? ", HTML" : ""}) where ${expected(expect)} was expected`,
    };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      problem: `a body that is not JSON (${text.length} characters${looksHtml ? ", HTML" : ""}) where ${expected(expect)} was expected`,
    };
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    return {
      problem: `${Array.isArray(body) ? "a JSON array" : `JSON ${body === null ? "null" : typeof body}`} where ${expected(expect)} was expected`,
    };
  const fields = body as Record<string, unknown>;
  if (expect === "collection" && !Array.isArray(fields["value"]))
    return { problem: `an object without a "value" array where ${expected(expect)} was expected` };
  if (expect === "batch" && !Array.isArray(fields["responses"]))
    return { problem: `an object without a "responses" array where ${expected(expect)} was expected` };
  if (expect === "created" && (typeof fields["id"] !== "string" || fields["id"] === ""))
    return { problem: `an object without an "id" where ${expected(expect)} was expected` };
  return { next: expect === "collection" ? fields["@odata.nextLink"] : undefined, body: body as JsonObject };
}

const expected = (expect: Expectation): string =>
  ({
    object: "a JSON object",
    collection: "a collection page",
    created: "the created object",
    batch: "a $batch answer",
    optional: "nothing or a JSON object",
  })[expect];

type Attempt =
  | { readonly kind: "response"; readonly response: Response }
  | { readonly kind: "timeout" }
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "sign-in"; readonly cause: Error };

const seconds = (ms: number): string => `${Math.round(ms) / 1000} s`;

class PolicyMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly policy: RetryPolicy;
  private readonly deadlines: Deadlines;
  private readonly budget: RequestBudget | undefined;
  private readonly random: () => number;
  private readonly origin: string;
  readonly stats: RequestStats = { requests: 0, retries: 0, throttled: 0, writes: 0 };

  constructor(policy: RetryPolicy, deadlines: Deadlines, budget: RequestBudget | undefined, random: () => number, origin: string) {
    this.origin = origin;
    this.policy = policy;
    this.deadlines = deadlines;
    this.budget = budget;
    this.random = random;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return ceiling * (0.5 + this.random() * 0.5);
  }

  /** One attempt on its own copy of the context, abandoned (and its fetch aborted) when `limitMs` runs out. */
  private async attempt(next: Middleware, context: Context, limitMs: number): Promise<Attempt> {
    const controller = new AbortController();
    const attempt: Context = { ...context, options: { ...context.options, signal: controller.signal } };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve("timeout");
      }, limitMs);
    });
    try {
      if ((await Promise.race([next.execute(attempt).then(() => "sent" as const), expired])) === "timeout") return { kind: "timeout" };
    } catch (error) {
      if (error instanceof NoResponse) return { kind: "failed", message: error.message };
      // The token is acquired inside the attempt: a credential that cannot sign in fails before anything is sent.
      if (isSignInFailure(error)) return { kind: "sign-in", cause: error };
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (!attempt.response) throw new Error("the fetch handler set no response");
    return { kind: "response", response: attempt.response };
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("policy middleware has no next handler");
    const options = context.options ?? {};
    const method = (options.method ?? "GET").toUpperCase();
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    const idempotent = !headers.has(NOT_IDEMPOTENT);
    const expect = headers.get(EXPECT) ?? "optional";
    const batchPaths = headers.get(BATCH_PATHS)?.split(" ");
    headers.delete(NOT_IDEMPOTENT);
    headers.delete(EXPECT);
    headers.delete(BATCH_PATHS);
    context.options = { ...options, headers: Object.fromEntries(headers.entries()) };
    const path = new URL(typeof context.request === "string" ? context.request : context.request.url).pathname;
    if (method !== "GET") this.stats.writes++;
    // Waiting for a turn is not the call taking long: the deadline moves by every wait for one.
    let deadline = Date.now() + this.deadlines.callMs;
    const turn = async (): Promise<void> => {
      if (!this.budget) return;
      const asked = Date.now();
      if (batchPaths)
        for (let i = 0; i + 1 < batchPaths.length; i += 2) await this.budget.take(batchPaths[i] ?? "GET", batchPaths[i + 1] ?? "");
      else await this.budget.take(method, path);
      deadline += Date.now() - asked;
    };
    // `failures` counts the attempts that are not the tenant's pacing (no answer, 5xx): those have maxAttempts. A
    // 429 is never one of them, or interleaved throttling would use up a call's attempts at a steady rate.
    let failures = 0;
    for (let attempt = 1; ; attempt++) {
      await turn();
      this.stats.requests++;
      const limit = Math.max(0, Math.min(this.deadlines.attemptMs, deadline - Date.now()));
      const outcome = await this.attempt(this.next, context, limit);
      if (outcome.kind === "sign-in") fail(new SignInError(method, path, outcome.cause));
      if (outcome.kind !== "response") {
        const reason = outcome.kind === "timeout" ? `nothing arrived within ${seconds(limit)}` : outcome.message;
        // No response: resending is safe only for requests that do the same thing twice; a create may have happened.
        if (!idempotent) fail(new LostResponseError(method, path, reason));
        failures++;
        const wait = this.backoff(failures) * this.policy.timeScale;
        if (failures >= this.policy.maxAttempts || Date.now() + wait >= deadline) {
          const last = `${reason} (attempt ${failures} of at most ${this.policy.maxAttempts}, ${seconds(this.deadlines.callMs)} per call)`;
          fail(
            outcome.kind === "timeout"
              ? new GraphTimeoutError(method, path, last, limit)
              : new GraphRequestError({ method, path, status: 0, code: "NetworkError", message: last, requestId: null }),
          );
        }
        this.stats.retries++;
        await sleep(wait);
        continue;
      }
      const response = outcome.response;
      context.response = response;
      // A server error on a create does not say the create did not happen: Graph may have committed it (or commit it
      // after a gateway gave up). Resending could make a second object, so it is a lost response: the caller looks.
      if (!idempotent && COMMIT_UNKNOWN_STATUS.has(response.status)) {
        fail(
          new LostResponseError(
            method,
            path,
            `Graph answered ${response.status} ${response.statusText || "server error"} to a create, which may have been committed all the same`,
            { status: response.status, requestId: response.headers.get("request-id") },
          ),
        );
      }
      // Throttling is the tenant pacing us, not a failure: a 429 is retried until the call's deadline, so an apply
      // converges at the tenant's rate; other retryable statuses get a bounded number of attempts.
      if (response.status !== 429 && RETRY_STATUS.has(response.status)) failures++;
      if (!RETRY_STATUS.has(response.status) || (response.status !== 429 && failures >= this.policy.maxAttempts)) {
        if (response.status >= 200 && response.status < 300) {
          const body = await this.check(
            response,
            method,
            path,
            urlOf(context.request),
            idempotent,
            EXPECTATIONS.has(expect) ? (expect as Expectation) : "optional",
          );
          handOver(body);
        }
        return;
      }
      const after = retryAfterSeconds(response.headers.get("retry-after"));
      if (after !== undefined && after * 1000 > this.deadlines.maxRetryAfterMs) {
        fail(
          new RetryAfterTooLongError({
            method,
            path,
            status: response.status,
            requestId: response.headers.get("request-id"),
            retryAfterSeconds: after,
            capSeconds: this.deadlines.maxRetryAfterMs / 1000,
          }),
        );
      }
      const wait =
        (after === undefined ? this.backoff(response.status === 429 ? attempt - failures : failures) : after * 1000) *
        this.policy.timeScale;
      // Past the call's deadline Graph's own answer (its 429 or 5xx, with its request id) is the error.
      if (Date.now() + wait >= deadline) return;
      if (response.status === 429) this.stats.throttled++;
      this.stats.retries++;
      await sleep(wait);
    }
  }

  /**
   * Refuses a 2xx whose body is not what the request expects, so an HTML page, an empty body or an array never
   * reads as an empty tenant or a created "undefined". On a create that answer is a lost response: the create
   * may have happened, and the caller looks for it instead of sending it again. Reads the body (once) and returns
   * it parsed; undefined when there is none.
   */
  private async check(
    response: Response,
    method: string,
    path: string,
    url: string,
    idempotent: boolean,
    expect: Expectation,
  ): Promise<JsonObject | undefined> {
    const requestId = response.headers.get("request-id");
    const got = received.get(response);
    if (!got) throw new Error("a 2xx answer the fetch handler did not read");
    const { problem, next, body } = bodyProblem(expect, response.status, got.contentType, got.bytes ? utf8.decode(got.bytes) : "");
    if (problem !== undefined) {
      const message = `Graph answered ${response.status} with ${problem}`;
      fail(
        idempotent
          ? new UnexpectedResponseError({ method, path, status: response.status, code: "UnexpectedResponse", requestId, message })
          : new LostResponseError(method, path, `${message}; the create may have happened`, { status: response.status, requestId }),
      );
    }
    if (next === undefined) return body;
    const bad = (code: UnexpectedResponseCode, why: string): never =>
      fail(new UnexpectedResponseError({ method, path, status: response.status, code, requestId, message: why }));
    const target = typeof next === "string" ? URL.parse(next, url) : null;
    if (!target) return bad("BadNextLink", "the page's @odata.nextLink is not a URL");
    if (target.origin !== this.origin)
      bad("BadNextLink", `the page's @odata.nextLink points to another host (${target.origin}); not followed`);
    const paging = pagingSlot.getStore();
    if (!paging) return body;
    if (paging.seen.has(target.href))
      bad(
        "BadNextLink",
        `the page's @odata.nextLink repeats one already followed (page ${paging.pages + 1} would read a page again); not followed`,
      );
    if (paging.pages >= paging.maxPages) bad("TooManyPages", `the collection has more than ${paging.maxPages} pages; stopped`);
    paging.seen.add(target.href);
    return body;
  }
}

/**
 * A checked 2xx's body goes to the call's slot: the SDK gets the answer without body or content type (see `received`)
 * and returns it unread (null). A page read as bytes, copied as text and parsed twice (the check's clone and the SDK's
 * own parse) was most of what a tenant read held at once (issue 12).
 */
function handOver(body: JsonObject | undefined): void {
  const slot = callSlot.getStore();
  if (!slot) throw new Error("a Graph request outside GraphClient.call");
  slot.answer = { body };
}

export interface BatchItem {
  readonly method: "GET";
  readonly url: string;
}

export class GraphClient {
  readonly endpoint: string;
  private readonly sdk: Client;
  private readonly policy: PolicyMiddleware;
  private readonly retry: RetryPolicy;
  private readonly deadlines: Deadlines;
  private readonly limits: Limits;

  constructor(options: GraphClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.deadlines = resolveDeadlines(options.deadlines);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    const origin = new URL(this.endpoint).origin;
    this.policy = new PolicyMiddleware(this.retry, this.deadlines, options.budget, options.random ?? Math.random, origin);
    // The policy comes first so that each attempt's timeout also covers acquiring its token.
    const chain: Middleware[] = [this.policy];
    if (options.credential) {
      chain.push(
        new AuthenticationHandler(new TokenCredentialAuthenticationProvider(options.credential, { scopes: [`${this.endpoint}/.default`] })),
      );
    }
    chain.push(
      new FetchHandler(origin, this.limits.maxResponseBytes, options.fetch ? fromFetch(options.fetch) : undiciTransport(this.endpoint)),
    );
    this.sdk = Client.initWithMiddleware({
      middleware: chain,
      baseUrl: `${this.endpoint}/`,
      defaultVersion: "beta",
      customHosts: new Set([new URL(this.endpoint).hostname]),
      ...(options.headers ? { fetchOptions: { headers: { ...options.headers } } } : {}),
    });
  }

  get stats(): Readonly<RequestStats> {
    return this.policy.stats;
  }

  /** How long to look for a create whose outcome is unknown before giving up on it (scaled like every wait). */
  lookupSchedule(kind: "group" | "other"): LookupSchedule {
    const scale = this.retry.timeScale;
    return {
      windowMs: (kind === "group" ? this.retry.groupLookupWindowMs : this.retry.lookupWindowMs) * scale,
      firstDelayMs: 250 * scale,
      maxDelayMs: 5_000 * scale,
    };
  }

  /** Runs one SDK request; its answer is the 2xx body the policy's check parsed (undefined when there was none). */
  private async call<T>(method: string, path: string, version: GraphVersion, run: () => Promise<unknown>): Promise<T> {
    const slot: CallSlot = {};
    try {
      await callSlot.run(slot, run);
      return slot.answer?.body as T;
    } catch (error) {
      // The path without its query: enough to find the call, short enough to read.
      throw (
        slot.error ??
        toRequestError(error, method, path.startsWith("http") ? new URL(path).pathname : `/${version}${path.split("?")[0] ?? ""}`)
      );
    }
  }

  /** One object; anything but a JSON object on a 2xx is an UnexpectedResponseError. */
  get<T = JsonObject>(path: string, version: GraphVersion = "beta"): Promise<T> {
    return this.call<T>("GET", path, version, () => this.sdk.api(path).version(version).header(EXPECT, "object").get());
  }

  /**
   * Every item of a collection, following @odata.nextLink verbatim until it ends (GRAPH-NOTES §10.2). Each page must
   * be a collection page; a next link off the tenant's origin, one already followed, or more than `maxPages` pages
   * is an UnexpectedResponseError, so a hostile or broken answer can neither redirect the listing nor make it endless.
   * `each` maps every item as its page arrives (undefined leaves it out), so a caller that keeps only part of each
   * item never holds a whole collection as Graph sent it. `headers` go with every page's request: Graph does not
   * carry a header such as `ConsistencyLevel` over to the next link (GRAPH-NOTES §10.2), so each page resends it.
   */
  list(
    path: string,
    version: GraphVersion = "beta",
    each: (item: JsonObject) => JsonObject | undefined = (item) => item,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<JsonObject[]> {
    const page = (p: string, v: GraphVersion): Promise<CollectionPage> =>
      this.call<CollectionPage>("GET", p, v, () => {
        let request = this.sdk.api(p).version(v).header(EXPECT, "collection");
        for (const [name, value] of Object.entries(headers)) request = request.header(name, value);
        return request.get();
      });
    const paging: Paging = { seen: new Set(), pages: 1, maxPages: this.limits.maxPages };
    return pagingSlot.run(paging, async () => {
      const out: JsonObject[] = [];
      let current: CollectionPage | undefined = await page(path, version);
      for (;;) {
        for (const item of current.value) {
          const kept = each(item);
          if (kept !== undefined) out.push(kept);
        }
        const next: string | undefined = current["@odata.nextLink"];
        if (next === undefined) return out;
        // The page is not held while the next one is read.
        current = undefined;
        paging.pages++;
        // The SDK recognises only https:// as absolute; an emulator link is made relative to its version again.
        const m = /^https?:\/\/[^/]+\/(beta|v1\.0)(\/.*)$/.exec(next);
        current = m ? await page(m[2] ?? "", m[1] as GraphVersion) : await page(next, version);
      }
    });
  }

  /**
   * A create: never resent by the client when its response is lost or a server error (the caller reconciles by
   * name). A 2xx without an `id` is a lost response too: never an object with the id "undefined".
   */
  create(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<JsonObject> {
    return this.call<JsonObject>("POST", path, version, () =>
      this.sdk.api(path).version(version).header(NOT_IDEMPOTENT, "1").header(EXPECT, "created").post(body),
    );
  }

  /** POST of an action (assign, targetApps, setPriority…): they replace state, so resending is safe. */
  action(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<JsonObject | undefined> {
    return this.call<JsonObject | undefined>("POST", path, version, () =>
      this.sdk.api(path).version(version).header(EXPECT, "optional").post(body),
    );
  }

  async patch(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<void> {
    await this.call<unknown>("PATCH", path, version, () => this.sdk.api(path).version(version).patch(body));
  }

  async put(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<void> {
    await this.call<unknown>("PUT", path, version, () => this.sdk.api(path).version(version).put(body));
  }

  async delete(path: string, version: GraphVersion = "beta"): Promise<void> {
    await this.call<unknown>("DELETE", path, version, () => this.sdk.api(path).version(version).delete());
  }

  /**
   * GETs through $batch, 20 per request (GRAPH-NOTES §10.1): answers in request order; inner 429/5xx are retried
   * after the longest Retry-After, because the SDK does not retry inside a batch.
   */
  async batchGet(urls: readonly string[], version: GraphVersion = "beta"): Promise<(JsonObject | GraphRequestError)[]> {
    return this.batchRead(
      urls.map((url) => ({ url })),
      version,
    );
  }

  /**
   * Reads through $batch as batchGet does, where an item may also be a POST of a read-only action (Intune's
   * deviceManagement/reports actions): its body goes with `Content-Type: application/json`, as $batch requires of
   * an item with a body (GRAPH-NOTES §10.1). A report action answers a stream; inside $batch a non-JSON body comes
   * base64-encoded, so a string body is decoded and read as JSON.
   */
  async batchRead(
    items: readonly { readonly url: string; readonly post?: JsonObject }[],
    version: GraphVersion = "beta",
  ): Promise<(JsonObject | GraphRequestError)[]> {
    const out: (JsonObject | GraphRequestError)[] = new Array<JsonObject | GraphRequestError>(items.length);
    for (let start = 0; start < items.length; start += 20) {
      let pending = items.slice(start, start + 20).map((item, i) => ({
        id: String(start + i),
        url: item.url,
        post: item.post,
        method: item.post ? ("POST" as const) : ("GET" as const),
        path: `/${version}/${item.url.replace(/^\//, "")}`,
      }));
      // As outside a batch: an item's 429s are retried until the deadline, its 5xx a bounded number of times.
      const deadline = Date.now() + this.deadlines.callMs;
      const failures = new Map<string, number>();
      for (let attempt = 1; pending.length > 0; attempt++) {
        const reply = await this.call<{ responses?: { id: string; status: number; headers?: Record<string, string>; body?: Json }[] }>(
          "POST",
          "/$batch",
          version,
          () =>
            this.sdk
              .api("/$batch")
              .version(version)
              .header(EXPECT, "batch")
              .header(BATCH_PATHS, pending.map((p) => `${p.method} /${p.url.replace(/^\//, "")}`).join(" "))
              .post({
                requests: pending.map((p) =>
                  p.post
                    ? { id: p.id, method: "POST", url: p.url, headers: { "Content-Type": "application/json" }, body: p.post }
                    : { id: p.id, method: "GET", url: p.url },
                ),
              }),
        );
        const retry: typeof pending = [];
        let wait = 0;
        const answered = new Set<string>();
        for (const r of reply.responses ?? []) {
          const item = pending.find((p) => p.id === r.id);
          if (!item) continue;
          answered.add(item.id);
          const failed = (failures.get(item.id) ?? 0) + (r.status === 429 ? 0 : 1);
          if (RETRY_STATUS.has(r.status) && failed < this.retry.maxAttempts && Date.now() < deadline) {
            failures.set(item.id, failed);
            retry.push(item);
            const after = retryAfterSeconds(r.headers?.["retry-after"] ?? r.headers?.["Retry-After"] ?? null);
            if (after !== undefined && after * 1000 > this.deadlines.maxRetryAfterMs) {
              throw new RetryAfterTooLongError({
                method: item.method,
                path: item.path,
                status: r.status,
                requestId: null,
                retryAfterSeconds: after,
                capSeconds: this.deadlines.maxRetryAfterMs / 1000,
              });
            }
            wait = Math.max(
              wait,
              after === undefined ? Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)) : after * 1000,
            );
            continue;
          }
          if (r.status >= 300) {
            out[Number(r.id)] = batchError(r.status, r.body, item.path, item.method);
            continue;
          }
          const body = item.post && typeof r.body === "string" ? streamBody(r.body) : r.body;
          // Inside a $batch the same rule as outside: a 2xx answer is a JSON object, never read as an empty one.
          if (body === null || typeof body !== "object" || Array.isArray(body)) {
            throw new UnexpectedResponseError({
              method: item.method,
              path: item.path,
              status: r.status,
              code: "UnexpectedResponse",
              requestId: null,
              message: `Graph answered ${r.status} inside $batch with ${body === undefined ? "no body" : Array.isArray(body) ? "a JSON array" : "a body that is not a JSON object"} where a JSON object was expected`,
            });
          }
          out[Number(r.id)] = body as JsonObject;
        }
        const missing = pending.find((p) => !answered.has(p.id));
        if (missing) {
          throw new UnexpectedResponseError({
            method: "POST",
            path: `/${version}/$batch`,
            status: 200,
            code: "UnexpectedResponse",
            requestId: null,
            message: `the $batch answer has no response for ${missing.method} ${missing.url} (request ${missing.id})`,
          });
        }
        pending = retry;
        if (pending.length > 0) {
          this.policy.stats.retries += pending.length;
          await sleep(wait * this.retry.timeScale);
        }
      }
    }
    return out;
  }
}

/** A stream answered inside $batch: base64 of JSON text (or JSON text itself); undefined when it is neither. */
function streamBody(text: string): Json | undefined {
  // JSON text starts with "{" or "[", which base64 never does.
  const candidate = /^\s*[{[]/.test(text) ? text : Buffer.from(text, "base64").toString("utf8");
  try {
    return JSON.parse(candidate) as Json;
  } catch {
    return undefined;
  }
}

function batchError(status: number, body: Json | undefined, path: string, method: "GET" | "POST" = "GET"): GraphRequestError {
  const error = (body && typeof body === "object" && !Array.isArray(body) ? (body as JsonObject)["error"] : undefined) as
    { code?: string; message?: string; innerError?: { "request-id"?: string } } | undefined;
  return new GraphRequestError({
    method,
    path,
    status,
    code: error?.code ?? String(status),
    message: graphMessage(error?.message ?? ""),
    requestId: error?.innerError?.["request-id"] ?? null,
  });
}

function toRequestError(error: unknown, method: string, path: string): GraphRequestError {
  if (error instanceof GraphRequestError) return error;
  if (error instanceof GraphError) {
    if (error.statusCode === -1)
      return new GraphRequestError({ method, path, status: 0, code: "NetworkError", message: error.message, requestId: null });
    return new GraphRequestError({
      method,
      path,
      status: error.statusCode,
      code: error.code ?? String(error.statusCode),
      message: graphMessage(error.message),
      requestId: error.requestId,
    });
  }
  return new GraphRequestError({
    method,
    path,
    status: 0,
    code: "ClientError",
    message: error instanceof Error ? error.message : String(error),
    requestId: null,
  });
}
