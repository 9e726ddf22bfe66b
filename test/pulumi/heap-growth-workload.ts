// `node test/pulumi/heap-growth-workload.ts [limited]`: allocates as a provider host does over a long apply (most
// objects die young, some live for a while, a few stay) and prints the largest young and old generation V8 gave it,
// in MB. With `limited`, limitHeapGrowth() runs first.
import { getHeapSpaceStatistics } from "node:v8";
import { limitHeapGrowth } from "../../providers/heap-growth.ts";

if (process.argv[2] === "limited") limitHeapGrowth();
const MB = 1024 * 1024;
const kept: object[][] = [];
const recent: object[][] = [];
let young = 0;
let old = 0;
for (let round = 0; round < 800; round++) {
  const batch = Array.from({ length: 1000 }, (_, i) => ({ id: `${round}-${i}`, body: { name: `object ${i}`, values: [i, round] } }));
  recent.push(batch);
  if (recent.length > 40) recent.shift();
  if (round % 10 === 0) kept.push(batch);
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === "new_space") young = Math.max(young, space.space_size);
    if (space.space_name === "old_space") old = Math.max(old, space.space_size);
  }
}
console.log(JSON.stringify({ youngMb: Math.round(young / MB), oldMb: Math.round(old / MB), kept: kept.length + recent.length }));
