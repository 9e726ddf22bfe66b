// Property-level comparison of two canonical bodies: recurses through objects, treats lists and other values as
// leaves, and applies the equivalences of normalisation.ts (empty values, secrets). Deterministic order.
import { canonicalJson } from "../canonical-json.ts";
import type { Json, JsonObject } from "../compile/desired-state.ts";
import { compareText } from "../text-order.ts";
import type { PropertyChange } from "./change-set.ts";
import { isSecretValue } from "./normalisation.ts";
import { isEmptyValue, isPlainObject } from "../graph-model/json.ts";

/**
 * N8: a write-only secret is compared by name, and by the hash of its value when both sides know one (the plan
 * side hashes the value it will send; a tenant side has the hash recorded when it was last written).
 */
function sameSecret(a: JsonObject, b: JsonObject): boolean {
  const ha = a["sha256"];
  const hb = b["sha256"];
  return a["secret"] === b["secret"] && (ha === undefined || hb === undefined || ha === hb);
}

export function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (isSecretValue(a) && isSecretValue(b)) return sameSecret(a, b);
  return canonicalJson(a) === canonicalJson(b);
}

const descend = (v: Json | undefined): v is JsonObject => isPlainObject(v) && !isSecretValue(v) && !("$ref" in v);

/** Every property that differs from `before` to `after`, at the deepest object path where it differs, sorted by path. */
export function diffBodies(before: JsonObject, after: JsonObject): PropertyChange[] {
  const out: PropertyChange[] = [];
  const walk = (b: Json | undefined, a: Json | undefined, path: string[]): void => {
    if (descend(b) && descend(a)) {
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(compareText);
      for (const k of keys) walk(b[k], a[k], [...path, k]);
      return;
    }
    if (sameValue(b, a)) return;
    out.push({ path, ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) });
  };
  walk(before, after, []);
  return out;
}
