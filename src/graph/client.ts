// The Graph client: @microsoft/microsoft-graph-client with our policy middleware in its chain. The middleware owns
// what the SDK's own retry handler does not do the way Intune needs (GRAPH-NOTES §10.4–10.5): fractional and
// missing Retry-After, jittered exponential backoff, a bounded number of attempts, a per-tenant write budget, and
// never resending a create whose response was lost. Every failure leaves as a GraphRequestError.
import type { TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { AuthenticationHandler, Client, GraphError, HTTPMessageHandler } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { Json, JsonObject } from "../compile/desired-state.ts";
import { graphMessage, GraphRequestError, LostResponseError } from "./errors.ts";

export type GraphVersion = "beta" | "v1.0";

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Multiplies every wait; tests against the emulator shrink time with it. */
  readonly timeScale: number;
}

export interface GraphClientOptions {
  /** https://graph.microsoft.com (or a national cloud), or the emulator's http://127.0.0.1:port. */
  readonly endpoint: string;
  /** Absent for the emulator, which needs no sign-in. */
  readonly credential?: TokenCredential;
  readonly retry?: Partial<RetryPolicy>;
  /** Writes allowed per window (Intune: 100 per app per tenant per 20 s; GRAPH-NOTES §10.4). */
  readonly writeBudget?: { readonly writes: number; readonly windowMs: number };
  readonly random?: () => number;
}

/** Six attempts with backoff 1, 2, 4, 8, 16 s (jittered): a persistent failure surfaces within about half a minute. */
const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, timeScale: 1 };
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
/** Marks a request that must not be sent twice (a create): set by the caller, removed before sending. */
const NOT_IDEMPOTENT = "x-intune-plan-not-idempotent";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retry-After in seconds: a number (possibly fractional) or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return n;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** A token bucket of writes: a write waits for a token instead of earning a 429. */
class WriteBudget {
  private tokens: number;
  private last = Date.now();
  private readonly capacity: number;
  private readonly perMs: number;
  constructor(writes: number, windowMs: number) {
    this.capacity = writes;
    this.tokens = writes;
    this.perMs = writes / windowMs;
  }
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
      this.last = now;
      if (this.tokens >= 1) { this.tokens -= 1; return; }
      await sleep(Math.ceil((1 - this.tokens) / this.perMs));
    }
  }
}

export interface RequestStats { requests: number; retries: number; throttled: number; writes: number }

class PolicyMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly policy: RetryPolicy;
  private readonly budget: WriteBudget | undefined;
  private readonly random: () => number;
  readonly stats: RequestStats = { requests: 0, retries: 0, throttled: 0, writes: 0 };

  constructor(policy: RetryPolicy, budget: WriteBudget | undefined, random: () => number) {
    this.policy = policy;
    this.budget = budget;
    this.random = random;
  }

  setNext(next: Middleware): void { this.next = next; }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return ceiling * (0.5 + this.random() * 0.5);
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("policy middleware has no next handler");
    const options = context.options ?? {};
    const method = (options.method ?? "GET").toUpperCase();
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    const idempotent = !headers.has(NOT_IDEMPOTENT);
    headers.delete(NOT_IDEMPOTENT);
    context.options = { ...options, headers: Object.fromEntries(headers.entries()) };
    const url = typeof context.request === "string" ? context.request : context.request.url;
    if (method !== "GET") { await this.budget?.take(); this.stats.writes++; }
    for (let attempt = 1; ; attempt++) {
      this.stats.requests++;
      try {
        await this.next.execute(context);
      } catch (error) {
        // No response at all. Resending is safe only for requests that do the same thing twice.
        if (!idempotent) throw new LostResponseError(method, new URL(url).pathname, (error as Error).message);
        if (attempt >= this.policy.maxAttempts) throw new GraphRequestError({ method, path: new URL(url).pathname, status: 0, code: "NetworkError", message: (error as Error).message, requestId: null });
        this.stats.retries++;
        await sleep(this.backoff(attempt) * this.policy.timeScale);
        continue;
      }
      const response = context.response;
      if (!response || !RETRY_STATUS.has(response.status) || attempt >= this.policy.maxAttempts) return;
      if (response.status === 429) this.stats.throttled++;
      this.stats.retries++;
      const after = retryAfterSeconds(response.headers.get("retry-after"));
      await response.arrayBuffer().catch(() => undefined);
      await sleep((after === undefined ? this.backoff(attempt) : after * 1000) * this.policy.timeScale);
    }
  }
}

export interface BatchItem { readonly method: "GET"; readonly url: string }

export class GraphClient {
  readonly endpoint: string;
  private readonly sdk: Client;
  private readonly policy: PolicyMiddleware;
  private readonly retry: RetryPolicy;

  constructor(options: GraphClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.policy = new PolicyMiddleware(this.retry, options.writeBudget ? new WriteBudget(options.writeBudget.writes, options.writeBudget.windowMs) : undefined, options.random ?? Math.random);
    const chain: Middleware[] = [];
    if (options.credential) {
      chain.push(new AuthenticationHandler(new TokenCredentialAuthenticationProvider(options.credential, { scopes: [`${this.endpoint}/.default`] })));
    }
    chain.push(this.policy, new HTTPMessageHandler());
    this.sdk = Client.initWithMiddleware({ middleware: chain, baseUrl: `${this.endpoint}/`, defaultVersion: "beta", customHosts: new Set([new URL(this.endpoint).hostname]) });
  }

  get stats(): Readonly<RequestStats> { return this.policy.stats; }

  private async call<T>(method: string, path: string, version: GraphVersion, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // The path without its query: enough to find the call, short enough to read.
      throw toRequestError(error, method, path.startsWith("http") ? new URL(path).pathname : `/${version}${path.split("?")[0] ?? ""}`);
    }
  }

  get<T = JsonObject>(path: string, version: GraphVersion = "beta"): Promise<T> {
    return this.call("GET", path, version, () => this.sdk.api(path).version(version).get() as Promise<T>);
  }

  /** Every item of a collection, following @odata.nextLink verbatim until it ends (GRAPH-NOTES §10.2). */
  async list(path: string, version: GraphVersion = "beta"): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    let page = await this.get<{ value?: JsonObject[]; "@odata.nextLink"?: string }>(path, version);
    for (;;) {
      out.push(...(page.value ?? []));
      const next = page["@odata.nextLink"];
      if (!next) return out;
      // The SDK recognises only https:// as absolute; an emulator link is made relative to its version again.
      const m = /^https?:\/\/[^/]+\/(beta|v1\.0)(\/.*)$/.exec(next);
      page = m ? await this.get(m[2] ?? "", m[1] as GraphVersion) : await this.get(next, version);
    }
  }

  /** A create: never resent by the client when its response is lost (the caller reconciles by name). */
  create(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<JsonObject> {
    return this.call("POST", path, version, () => this.sdk.api(path).version(version).header(NOT_IDEMPOTENT, "1").post(body) as Promise<JsonObject>);
  }

  /** POST of an action (assign, targetApps, setPriority…): they replace state, so resending is safe. */
  action(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<JsonObject | undefined> {
    return this.call("POST", path, version, () => this.sdk.api(path).version(version).post(body) as Promise<JsonObject | undefined>);
  }

  patch(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<void> {
    return this.call("PATCH", path, version, async () => { await this.sdk.api(path).version(version).patch(body); });
  }

  put(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<void> {
    return this.call("PUT", path, version, async () => { await this.sdk.api(path).version(version).put(body); });
  }

  delete(path: string, version: GraphVersion = "beta"): Promise<void> {
    return this.call("DELETE", path, version, async () => { await this.sdk.api(path).version(version).delete(); });
  }

  /**
   * GETs through $batch, 20 per request (GRAPH-NOTES §10.1): answers in request order; inner 429/5xx are retried
   * after the longest Retry-After, because the SDK does not retry inside a batch.
   */
  async batchGet(urls: readonly string[], version: GraphVersion = "beta"): Promise<(JsonObject | GraphRequestError)[]> {
    const out: (JsonObject | GraphRequestError)[] = new Array<JsonObject | GraphRequestError>(urls.length);
    for (let start = 0; start < urls.length; start += 20) {
      let pending = urls.slice(start, start + 20).map((url, i) => ({ id: String(start + i), url }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const reply = await this.call("POST", "/$batch", version, () => this.sdk.api("/$batch").version(version).post({ requests: pending.map((p) => ({ id: p.id, method: "GET", url: p.url })) }) as Promise<{ responses?: { id: string; status: number; headers?: Record<string, string>; body?: Json }[] }>);
        const retry: typeof pending = [];
        let wait = 0;
        for (const r of reply.responses ?? []) {
          const item = pending.find((p) => p.id === r.id);
          if (!item) continue;
          if (RETRY_STATUS.has(r.status) && attempt < this.retry.maxAttempts) {
            retry.push(item);
            const after = retryAfterSeconds(r.headers?.["retry-after"] ?? r.headers?.["Retry-After"] ?? null);
            wait = Math.max(wait, after === undefined ? Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)) : after * 1000);
            continue;
          }
          out[Number(r.id)] = r.status < 300 ? ((r.body ?? {}) as JsonObject) : batchError(r.status, r.body, `/${version}/${item.url.replace(/^\//, "")}`);
        }
        pending = retry;
        if (pending.length > 0) { this.policy.stats.retries += pending.length; await sleep(wait * this.retry.timeScale); }
      }
    }
    return out;
  }
}

function batchError(status: number, body: Json | undefined, path: string): GraphRequestError {
  const error = (body && typeof body === "object" && !Array.isArray(body) ? (body as JsonObject)["error"] : undefined) as { code?: string; message?: string; innerError?: { "request-id"?: string } } | undefined;
  return new GraphRequestError({ method: "GET", path, status, code: error?.code ?? String(status), message: graphMessage(error?.message ?? ""), requestId: error?.innerError?.["request-id"] ?? null });
}

function toRequestError(error: unknown, method: string, path: string): GraphRequestError {
  if (error instanceof GraphRequestError) return error;
  if (error instanceof GraphError) {
    if (error.code === "LostResponseError") return new LostResponseError(method, path, error.message);
    if (error.code === "GraphRequestError" || error.statusCode === -1) return new GraphRequestError({ method, path, status: 0, code: "NetworkError", message: error.message, requestId: null });
    return new GraphRequestError({ method, path, status: error.statusCode, code: error.code ?? String(error.statusCode), message: graphMessage(error.message), requestId: error.requestId });
  }
  return new GraphRequestError({ method, path, status: 0, code: "ClientError", message: error instanceof Error ? error.message : String(error), requestId: null });
}
