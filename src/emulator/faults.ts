// Fault injection for the emulator (`--faults`), so clients meet the failures real tenants produce: latency,
// throttling with every Retry-After form (§10.4), 503s, replication lag for new groups (§2.6) and lost responses
// (the write happens, the reply never arrives). Random choices come from a seeded generator: a failing run
// can be replayed.

export interface FaultSpec {
  /** Added to every response, in milliseconds. */
  readonly latencyMs: number;
  /** Probability of a 429 per request (also per request inside $batch). */
  readonly throttle: number;
  readonly retryAfter: "integer" | "fractional" | "date" | "missing" | "mixed";
  /** Probability of a 503 per request. */
  readonly unavailable: number;
  /** How many later requests a new group stays invisible for. */
  readonly lag: number;
  /** Probability that a write's response is dropped after the write happened. */
  readonly lost: number;
  /** Requests whose path contains this text are refused with 400 (a follow-up Graph refuses; not retried). */
  readonly reject: string | null;
  readonly seed: number;
}

export const NO_FAULTS: FaultSpec = {
  latencyMs: 0,
  throttle: 0,
  retryAfter: "integer",
  unavailable: 0,
  lag: 0,
  lost: 0,
  reject: null,
  seed: 1,
};

/** Parses `latency=5,throttle=0.3,retry-after=mixed,unavailable=0.1,lag=3,lost=0.2,reject=/targetApps,seed=7`; throws with a usable message. */
export function parseFaults(spec: string | undefined): FaultSpec {
  if (!spec) return NO_FAULTS;
  const out: { -readonly [K in keyof FaultSpec]: FaultSpec[K] } = { ...NO_FAULTS };
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, raw = ""] = part.split("=", 2) as [string, string?];
    const n = Number(raw);
    const probability = (): number => {
      if (!(n >= 0 && n <= 1)) throw new Error(`--faults ${key} must be a probability between 0 and 1`);
      return n;
    };
    const count = (): number => {
      if (!(Number.isInteger(n) && n >= 0)) throw new Error(`--faults ${key} must be a whole number`);
      return n;
    };
    switch (key) {
      case "latency":
        out.latencyMs = count();
        break;
      case "throttle":
        out.throttle = probability();
        break;
      case "unavailable":
        out.unavailable = probability();
        break;
      case "lost":
        out.lost = probability();
        break;
      case "lag":
        out.lag = count();
        break;
      case "seed":
        out.seed = count();
        break;
      case "reject":
        if (!raw) throw new Error("--faults reject needs a path fragment, e.g. reject=/targetApps");
        out.reject = raw;
        break;
      case "retry-after":
        if (raw !== "integer" && raw !== "fractional" && raw !== "date" && raw !== "missing" && raw !== "mixed")
          throw new Error("--faults retry-after is integer, fractional, date, missing or mixed");
        out.retryAfter = raw;
        break;
      default:
        throw new Error(`unknown fault ${key}; use latency, throttle, retry-after, unavailable, lag, lost, reject, seed`);
    }
  }
  return out;
}

/** mulberry32: small, fast, seeded. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Retry-After header for a 429, or undefined when this one has none. */
export function retryAfterHeader(spec: FaultSpec, rnd: () => number): string | undefined {
  const form =
    spec.retryAfter === "mixed" ? (["integer", "fractional", "date", "missing"] as const)[Math.floor(rnd() * 4)] : spec.retryAfter;
  if (form === "missing") return undefined;
  // An HTTP date has whole seconds: two seconds ahead is always at least one second away.
  if (form === "date") return new Date(Date.now() + 2000).toUTCString();
  return form === "integer" ? "1" : (0.05 + rnd() * 0.2).toFixed(3);
}
