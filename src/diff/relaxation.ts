// Whether a change weakens a setting: the strictness rules live in graph-model/strictness.ts (the conflict check
// uses them too, to name the most restrictive compliance value); the diff asks them through this name.
export { relaxation } from "../graph-model/strictness.ts";
