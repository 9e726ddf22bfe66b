// How far V8 may grow the heap of the process the provider runs in. Pulumi's engine starts that process (its
// dynamic provider host) as `node <host script>`, with no flags of ours, and it runs only this project's providers.
// With Node's defaults V8 lets its heap grow to several times the live data: the young generation up to 128 MB (two
// 64 MB semi-spaces, as Node builds V8 without pointer compression), the old one to about twice its live data
// between full collections. The flags that size the heap (--max-semi-space-size, --max-old-space-size) are read once,
// when the process starts, so only NODE_OPTIONS could set them, and the provider cannot set its host's environment.
// V8 reads these two at every collection instead, and Node leaves flags writable after start:
// - --semi-space-growth-factor=1: the young generation keeps the size it has when the provider is configured (32 MB
//   once Pulumi's SDK has loaded);
// - --heap-growing-percent=60: the old generation may grow to 1.6 times what survived the last full collection.
// Measured: the host of a real `pulumi up` of 10k objects (17,989 resources) peaks at 289 MB instead of 469 MB, and
// the bench's 10k apply sample at 290-300 MB instead of 600 MB. Work that allocates much more than it waits
// (compiling a plan) pays more for the small young generation, so only the provider host limits itself.
import { setFlagsFromString } from "node:v8";

const HEAP_GROWTH_FLAGS = "--semi-space-growth-factor=1 --heap-growing-percent=60";

/** Limits this process's heap growth from now on; idempotent. */
export function limitHeapGrowth(): void {
  setFlagsFromString(HEAP_GROWTH_FLAGS);
}
