// How a value is shown to people (risk messages, renderers). Secrets never appear, by the one rule of
// graph-model/secrets.ts: a secret reference shows its name only, and a plain value where a credential belongs is masked
// (a tenant may echo one). Every other value shows as it is, settings about passwords included.
import type { Json } from "../compile/desired-state.ts";
import { isSecretProperty } from "../graph-model/secrets.ts";
import { isSecretValue } from "./normalisation.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { isScriptHash, shortHash } from "../graph-model/script-content.ts";

function display(v: Json, secretContext: boolean): Json {
  if (Array.isArray(v)) return v.map((x) => display(x, secretContext));
  if (isSecretValue(v)) return `«secret ${String(v["secret"])}»`;
  if (isPlainObject(v)) {
    if (typeof v["$ref"] === "string" && Object.keys(v).length === 1) return `→${v["$ref"]}`;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, display(x, secretContext || isSecretProperty(k, v))]));
  }
  return secretContext && typeof v === "string" && v !== "" ? "«masked»" : v;
}

/**
 * One line for a value at `path` (property names from the body's root); undefined is "(not set)". A value under a
 * credential property is masked whole. Long values are cut at `max` characters.
 */
export function showValue(v: Json | undefined, path: readonly string[], max = 120): string {
  if (v === undefined) return "(not set)";
  // Script text is compared by its hash (normalisation.ts): people see the hash short, never the script.
  if (isScriptHash(v)) return shortHash(v);
  const shown = display(
    v,
    path.some((p) => isSecretProperty(p)),
  );
  const text = typeof shown === "string" ? shown : JSON.stringify(shown);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
