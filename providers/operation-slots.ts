// How many resources the provider host writes at once. Pulumi's engine runs up to `--parallel` resource operations
// together (4 × the cores for the CLI, unbounded for the Automation API), and each of ours is several requests in
// turn: a bounded number in flight keeps objects finishing one after another (dependents start early, a stopped run
// leaves few half-written) while the request budget keeps the tenant's limits.

/** The default: enough objects in flight to keep Intune's 5 writes a second busy at a second or more per request. */
export const DEFAULT_CONCURRENCY = 16;

/** A counting semaphore, first come first served. */
export class OperationSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** The stack setting `concurrency`, when it is a whole number from 1 to 256. */
export function concurrencyOf(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 1 && n <= 256 ? n : undefined;
}
