// The fault mixes the soak runs (`intune-plan emulator --faults` syntax), each with its own seed so a failing mix
// can be replayed. Together they cover every fault the emulator injects, alone and combined, at rates well above
// what a healthy tenant shows: throttling at half of all requests, every Retry-After form, 503s, lost replies after
// committed writes, new groups invisible for longer than a fixed look-up window, and pipelines racing each other.
export interface Mix {
  readonly name: string;
  readonly faults: string;
  /** Pipelines applying the same plan to the tenant at the same moment, each with its own state (default 1). */
  readonly writers?: number;
}

export const MIXES: readonly Mix[] = [
  { name: "none", faults: "" },
  { name: "latency", faults: "latency=150,seed=2" },
  { name: "throttle 0.2", faults: "throttle=0.2,retry-after=mixed,seed=3" },
  { name: "throttle 0.5", faults: "throttle=0.5,retry-after=mixed,seed=4" },
  { name: "unavailable 0.2", faults: "unavailable=0.2,seed=5" },
  { name: "lost 0.3", faults: "lost=0.3,seed=6" },
  { name: "lag 12", faults: "lag=12,seed=7" },
  { name: "lag 12 + lost 0.4", faults: "lag=12,lost=0.4,seed=8" },
  { name: "everything", faults: "throttle=0.2,retry-after=mixed,unavailable=0.05,lag=3,lost=0.1,seed=9" },
  { name: "everything, harder", faults: "throttle=0.3,retry-after=date,unavailable=0.1,lag=6,lost=0.2,seed=10" },
  // Losing writers are told the name is taken (their apply fails, as it should); what matters is one object per key,
  // each owned by exactly one writer's state, and nothing left after every writer destroys.
  { name: "3 writers at once", faults: "latency=20,seed=11", writers: 3 },
];
