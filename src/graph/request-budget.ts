// The tenant's throttling limits, kept on our side: every request (a retry too) waits for its turn instead of
// earning a 429. Graph throttles per service and per app per tenant (GRAPH-NOTES §10.4, from Microsoft's
// "service-specific throttling limits"): Intune allows an app 100 writes and 1,000 requests of any kind per 20 s in a
// tenant; Entra (groups) 3,000 writes per 150 s and, in the smallest tenants, 3,500 resource units per 10 s (one per
// request here, the most any request we send costs). Other apps share the tenant's own limits (200 Intune writes per
// 20 s for all apps), so Graph can still throttle: the client then waits as Retry-After says.

/** At most `requests` in any `windowMs`. */
export interface WindowLimit {
  readonly requests: number;
  readonly windowMs: number;
}
export interface ServiceLimits {
  readonly writes: WindowLimit;
  readonly any: WindowLimit;
}
export type Service = "intune" | "intuneDevices" | "directory";

export const GRAPH_LIMITS: Readonly<Record<Service, ServiceLimits>> = {
  intune: { writes: { requests: 100, windowMs: 20_000 }, any: { requests: 1_000, windowMs: 20_000 } },
  // The Intune devices section (scripts, remediations, managed devices) has twice the limits (GRAPH-NOTES §10.4).
  intuneDevices: { writes: { requests: 200, windowMs: 20_000 }, any: { requests: 2_000, windowMs: 20_000 } },
  directory: { writes: { requests: 3_000, windowMs: 150_000 }, any: { requests: 3_500, windowMs: 10_000 } },
};

/** The service a request path (after /beta or /v1.0) is throttled by. */
export function serviceOf(path: string): Service {
  if (/^\/(?:(?:beta|v1\.0)\/)?(?:groups|users|devices|directoryObjects)(?:[/?(]|$)/.test(path)) return "directory";
  return /^\/(?:(?:beta|v1\.0)\/)?deviceManagement\/(?:deviceManagementScripts|deviceHealthScripts|deviceComplianceScripts|managedDevices)(?:[/?(]|$)/.test(
    path,
  )
    ? "intuneDevices"
    : "intune";
}

/** The times of the last `limit.requests` sends: when the next may go so that no window holds more. */
class WindowLog {
  /** A ring: once it is full, `next` is the oldest send. */
  private readonly sends: number[] = [];
  private next = 0;
  private readonly limit: WindowLimit;

  constructor(limit: WindowLimit) {
    this.limit = limit;
  }

  freeAt(): number {
    return this.sends.length < this.limit.requests ? 0 : (this.sends[this.next] ?? 0) + this.limit.windowMs;
  }

  record(now: number): void {
    if (this.sends.length < this.limit.requests) this.sends.push(now);
    else {
      this.sends[this.next] = now;
      this.next = (this.next + 1) % this.limit.requests;
    }
  }
}

/**
 * One service's turns, first come first served within reads and within writes. Sliding windows, not token buckets:
 * a bucket that starts full lets twice its size through in the first window, and a sliding window also keeps within
 * any fixed window the service may count in. A write is granted both its windows at the same moment (the moment it
 * is sent), and while a write's own window is open, reads wait behind it, so reads cannot starve writes of the
 * shared window. One timer wakes the queue, when the next turn is due.
 */
class ServiceTurns {
  private readonly writes: WindowLog;
  private readonly any: WindowLog;
  private readonly waiting = { write: [] as (() => void)[], read: [] as (() => void)[] };
  private timer: NodeJS.Timeout | undefined;

  constructor(limits: ServiceLimits) {
    this.writes = new WindowLog(limits.writes);
    this.any = new WindowLog(limits.any);
  }

  take(write: boolean): Promise<void> {
    return new Promise((resolve) => {
      (write ? this.waiting.write : this.waiting.read).push(resolve);
      this.grant();
    });
  }

  private grant(): void {
    const now = Date.now();
    for (;;) {
      const writeDue = this.waiting.write.length > 0 && this.writes.freeAt() <= now;
      const anyFree = this.any.freeAt() <= now;
      const next = writeDue ? (anyFree ? this.waiting.write.shift() : undefined) : anyFree ? this.waiting.read.shift() : undefined;
      if (!next) break;
      if (writeDue) this.writes.record(now);
      this.any.record(now);
      next();
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.write.length === 0 && this.waiting.read.length === 0) return;
    const writeAt = this.waiting.write.length > 0 ? Math.max(this.writes.freeAt(), this.any.freeAt()) : Infinity;
    const readAt = this.waiting.read.length > 0 ? this.any.freeAt() : Infinity;
    this.timer = setTimeout(() => this.grant(), Math.max(1, Math.min(writeAt, readAt) - now));
  }
}

/** The limits of one app in one tenant, per service. */
export class RequestBudget {
  private readonly services: Record<Service, ServiceTurns>;

  constructor(limits: Readonly<Record<Service, ServiceLimits>> = GRAPH_LIMITS) {
    this.services = {
      intune: new ServiceTurns(limits.intune),
      intuneDevices: new ServiceTurns(limits.intuneDevices),
      directory: new ServiceTurns(limits.directory),
    };
  }

  /** Resolves when the request may be sent: send it at once. */
  take(method: string, path: string): Promise<void> {
    return this.services[serviceOf(path)].take(method !== "GET");
  }
}

const shared = new Map<string, RequestBudget>();

/**
 * The one budget of an app in a tenant within this process: every client for it (the provider host serves all of a
 * stack's resources in one process) shares it, as Graph counts them together.
 */
export function sharedBudget(key: string): RequestBudget {
  let budget = shared.get(key);
  if (!budget) {
    budget = new RequestBudget();
    shared.set(key, budget);
  }
  return budget;
}
