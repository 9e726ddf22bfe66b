// Runs work over a dependency graph the way Pulumi's engine steps resources: an item starts once everything it
// depends on has finished, at most `parallel` at a time; an item whose dependency failed is skipped.
export interface DagItem { readonly name: string; readonly deps: readonly string[] }

export interface DagOutcome { readonly done: number; readonly failed: ReadonlyMap<string, string>; readonly skipped: number }

export async function runDag(items: readonly DagItem[], parallel: number, work: (name: string) => Promise<void>): Promise<DagOutcome> {
  const names = new Set(items.map((i) => i.name));
  const waiting = new Map(items.map((i) => [i.name, new Set(i.deps.filter((d) => names.has(d)))]));
  const failed = new Map<string, string>();
  let done = 0;
  let skipped = 0;
  let running = 0;
  return new Promise((finish) => {
    const pump = (): void => {
      for (const [name, deps] of waiting) {
        if (running >= parallel) break;
        if ([...deps].some((d) => failed.has(d))) { waiting.delete(name); failed.set(name, "skipped: a dependency failed"); skipped++; continue; }
        if (deps.size > 0) continue;
        waiting.delete(name);
        running++;
        work(name).then(() => { done++; for (const d of waiting.values()) d.delete(name); }, (e: unknown) => { failed.set(name, e instanceof Error ? e.message : String(e)); }).finally(() => { running--; pump(); });
      }
      // A skipped item can unblock others' skip checks: go round again until nothing changes.
      if (running === 0 && [...waiting.values()].some((deps) => [...deps].some((d) => failed.has(d)))) { pump(); return; }
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
