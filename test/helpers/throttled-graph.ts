// An in-process Graph that enforces the tenant's throttling limits, for tests on a fake clock (vi.useFakeTimers):
// the emulator's routes behind a `fetch`, each answer after `latencyMs`, and per service (Intune, directory) sliding
// windows of the limits Microsoft documents per app per tenant (GRAPH-NOTES §10.4). A request past a limit is
// answered 429 with the Retry-After that frees it, as Graph does; it changes nothing. The numbers are written out
// here, not imported from the client, so the client cannot pass by agreeing with itself.
import { randomUUID } from "node:crypto";
import { errorBody, GraphFault } from "../../src/emulator/errors.ts";
import type { JsonValue } from "../../src/emulator/graph-types.ts";
import { route } from "../../src/emulator/routes.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import { EmulatedTenant } from "../../src/emulator/tenant.ts";

type Service = "intune" | "intuneDevices" | "directory";
interface Limit {
  readonly requests: number;
  readonly windowMs: number;
}
const LIMITS: Readonly<Record<Service, { writes: Limit; any: Limit }>> = {
  intune: { writes: { requests: 100, windowMs: 20_000 }, any: { requests: 1_000, windowMs: 20_000 } },
  // The Intune devices section (scripts, remediations) has twice Intune's limits (GRAPH-NOTES §10.4).
  intuneDevices: { writes: { requests: 200, windowMs: 20_000 }, any: { requests: 2_000, windowMs: 20_000 } },
  directory: { writes: { requests: 3_000, windowMs: 150_000 }, any: { requests: 3_500, windowMs: 10_000 } },
};

export const ORIGIN = "http://127.0.0.1:1";

export interface ThrottledGraph {
  readonly fetch: typeof fetch;
  /** Every request answered, in order, with the fake clock's time it arrived. */
  readonly log: { at: number; method: string; path: string; status: number }[];
}

/** Times of accepted requests in the last window; the ms until another may be accepted (0: now). */
class Window {
  private readonly times: number[] = [];
  private start = 0;
  private readonly limit: Limit;
  constructor(limit: Limit) {
    this.limit = limit;
  }
  waitMs(now: number): number {
    while (this.start < this.times.length && (this.times[this.start] ?? 0) <= now - this.limit.windowMs) this.start++;
    const inWindow = this.times.length - this.start;
    return inWindow < this.limit.requests ? 0 : (this.times[this.start] ?? 0) + this.limit.windowMs - now;
  }
  add(now: number): void {
    this.times.push(now);
  }
}

export function throttledGraph(latencyMs = 100): ThrottledGraph {
  const tenant = new EmulatedTenant(seedTenant("empty"));
  // The plans it serves are generated (bench/), with made-up settings-catalog ids no catalog has.
  tenant.settingDefinitions = "any";
  const windows = {
    intune: { writes: new Window(LIMITS.intune.writes), any: new Window(LIMITS.intune.any) },
    intuneDevices: { writes: new Window(LIMITS.intuneDevices.writes), any: new Window(LIMITS.intuneDevices.any) },
    directory: { writes: new Window(LIMITS.directory.writes), any: new Window(LIMITS.directory.any) },
  };
  const log: ThrottledGraph["log"] = [];

  const answer = (
    method: string,
    url: URL,
    body: JsonValue | undefined,
  ): { status: number; body?: unknown; headers?: Record<string, string> } => {
    const m = /^\/(beta|v1\.0)(\/.*)$/.exec(url.pathname);
    const path = m?.[2] ?? url.pathname;
    const service: Service = /^\/(groups|users|devices|directoryObjects)\b/.test(path)
      ? "directory"
      : /^\/deviceManagement\/(deviceManagementScripts|deviceHealthScripts|deviceComplianceScripts|managedDevices)\b/.test(path)
        ? "intuneDevices"
        : "intune";
    const now = Date.now();
    const write = method !== "GET";
    const w = windows[service];
    const waitMs = Math.max(w.any.waitMs(now), write ? w.writes.waitMs(now) : 0);
    if (waitMs > 0) {
      const fault = new GraphFault(429, "TooManyRequests", "Please retry again later.");
      return {
        status: 429,
        body: errorBody(fault, service === "directory" ? "directory" : "intune", randomUUID(), undefined, new Date(now)),
        headers: { "retry-after": (waitMs / 1000).toFixed(3) },
      };
    }
    w.any.add(now);
    if (write) w.writes.add(now);
    try {
      return route(tenant, { method, url: `${path}${url.search}`, version: (m?.[1] ?? "beta") as "beta" | "v1.0", body }, ORIGIN);
    } catch (error) {
      if (!(error instanceof GraphFault)) throw error;
      return {
        status: error.status,
        body: errorBody(error, service === "directory" ? "directory" : "intune", randomUUID(), undefined, new Date(now)),
        headers: error.headers,
      };
    }
  };

  const send: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    const text = typeof init?.body === "string" ? init.body : "";
    const at = Date.now();
    await new Promise((r) => setTimeout(r, latencyMs / 2));
    const reply = answer(method, url, text === "" ? undefined : (JSON.parse(text) as JsonValue));
    log.push({ at, method, path: `${url.pathname}${url.search}`, status: reply.status });
    await new Promise((r) => setTimeout(r, latencyMs / 2));
    const payload = reply.body === undefined ? null : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    return new Response(payload, {
      status: reply.status,
      headers: {
        "request-id": randomUUID(),
        ...(payload === null ? {} : { "content-type": "application/json" }),
        ...(reply.headers ?? {}),
      },
    });
  };
  return { fetch: send, log };
}
