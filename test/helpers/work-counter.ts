// Counts the work a synchronous computation does, as array elements visited: every step of an array iterator
// (for…of, spread, destructuring, Array.from, new Set(array), new Map(array)) and every element the array methods
// visit (callbacks called; includes / indexOf up to their answer). A complexity test runs a stage at N, 2N and 4N
// and checks that this count grows linearly: a filter or includes inside a loop, or a list copied on every append,
// shows up as a count that grows with N², whatever the machine's speed. Plain index loops are not counted.

type AnyFn = (...args: never[]) => unknown;
type Callback = (...args: unknown[]) => unknown;

const CALLBACK_METHODS = [
  "map",
  "filter",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "forEach",
  "reduce",
  "reduceRight",
  "flatMap",
  "sort",
] as const;
const SEARCH_METHODS = ["includes", "indexOf", "lastIndexOf"] as const;

let visited = 0;

/** Runs `run` (synchronously) and returns its result with the number of array elements it visited. */
export function countWork<T>(run: () => T): { result: T; work: number } {
  const proto = Array.prototype as unknown as Record<string, AnyFn>;
  const iteratorProto = Object.getPrototypeOf([][Symbol.iterator]()) as { next: AnyFn };
  const saved = new Map<string, AnyFn>();
  const savedNext = iteratorProto.next;
  for (const name of CALLBACK_METHODS) {
    const original = proto[name] as AnyFn;
    saved.set(name, original);
    proto[name] = function (this: unknown[], callback: Callback | undefined, ...rest: unknown[]): unknown {
      const counted =
        typeof callback === "function"
          ? function (this: unknown, ...args: unknown[]): unknown {
              visited++;
              return callback.apply(this, args);
            }
          : callback;
      return (original as unknown as Callback).call(this, counted, ...rest);
    } as AnyFn;
  }
  for (const name of SEARCH_METHODS) {
    const original = proto[name] as AnyFn;
    saved.set(name, original);
    proto[name] = function (this: unknown[], ...args: unknown[]): unknown {
      const answer = (original as unknown as Callback).apply(this, args);
      visited += typeof answer === "number" ? (answer < 0 ? this.length : answer + 1) : this.length;
      return answer;
    } as AnyFn;
  }
  iteratorProto.next = function (this: unknown): unknown {
    visited++;
    return (savedNext as unknown as Callback).call(this);
  } as AnyFn;
  const before = visited;
  try {
    const result = run();
    return { result, work: visited - before };
  } finally {
    iteratorProto.next = savedNext;
    for (const [name, original] of saved) proto[name] = original;
  }
}

/**
 * The counts of `stage` at each size, and the largest ratio of work per unit of size between the largest and
 * the smallest run: about 1 for a linear stage, about 4 (at sizes n, 2n, 4n) for a quadratic one.
 */
export function growth(sizes: readonly number[], stage: (n: number) => number): { counts: number[]; ratio: number } {
  const counts = sizes.map(stage);
  const first = (counts[0] as number) / (sizes[0] as number);
  const last = (counts[counts.length - 1] as number) / (sizes[sizes.length - 1] as number);
  return { counts, ratio: last / first };
}
