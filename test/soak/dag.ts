// Runs work over a dependency graph the way Pulumi's engine steps resources: an item starts once everything it
// depends on has finished, at most `parallel` at a time; an item whose dependency failed is skipped.
export interface DagItem {
  readonly name: string;
  readonly deps: readonly string[];
}

export interface DagOutcome {
  readonly done: number;
  readonly failed: ReadonlyMap<string, string>;
  readonly skipped: number;
}

export async function runDag(items: readonly DagItem[], parallel: number, work: (name: string) => Promise<void>): Promise<DagOutcome> {
  const names = new Set(items.map((i) => i.name));
  // Linear in items and edges: each item counts the dependencies it waits for; a finished one releases its dependents.
  const pending = new Map(items.map((i) => [i.name, new Set(i.deps.filter((d) => names.has(d))).size]));
  const dependents = new Map<string, string[]>(items.map((i) => [i.name, []]));
  for (const i of items) for (const d of new Set(i.deps)) if (names.has(d)) dependents.get(d)?.push(i.name);
  const ready = items.filter((i) => pending.get(i.name) === 0).map((i) => i.name);
  let next = 0;
  const failed = new Map<string, string>();
  let done = 0;
  let skipped = 0;
  let running = 0;
  /** An item whose dependency failed is skipped, and so, in turn, is everything that depends on it. */
  const skip = (name: string): void => {
    for (const d of dependents.get(name) ?? []) {
      if (failed.has(d)) continue;
      failed.set(d, "skipped: a dependency failed");
      skipped++;
      skip(d);
    }
  };
  return new Promise((finish) => {
    const pump = (): void => {
      while (running < parallel && next < ready.length) {
        const name = ready[next++] ?? "";
        if (failed.has(name)) continue;
        running++;
        work(name)
          .then(
            () => {
              done++;
              for (const d of dependents.get(name) ?? []) {
                const left = (pending.get(d) ?? 0) - 1;
                pending.set(d, left);
                if (left === 0 && !failed.has(d)) ready.push(d);
              }
            },
            (e: unknown) => {
              failed.set(name, e instanceof Error ? e.message : String(e));
              skip(name);
            },
          )
          .finally(() => {
            running--;
            pump();
          });
      }
      if (running === 0) finish({ done, failed, skipped });
    };
    pump();
  });
}

/** The same graph with every edge reversed: the order a destroy deletes in. */
export function reversed(items: readonly DagItem[]): DagItem[] {
  const dependents = new Map<string, string[]>(items.map((i) => [i.name, []]));
  for (const i of items) for (const d of i.deps) dependents.get(d)?.push(i.name);
  return items.map((i) => ({ name: i.name, deps: dependents.get(i.name) ?? [] }));
}
