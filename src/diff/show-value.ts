// How a value is shown to people (risk messages, renderers). Secrets never appear: a secret reference shows its
// name only, and any plain value under a secret-like property name is masked (a tenant may echo one).
import type { Json } from "../compile/desired-state.ts";
import { isPlainObject, isSecretValue } from "./normalisation.ts";

const SECRET_NAME = /password|presharedkey|sharedkey|secret|passphrase|privatekey|certificatepassword/i;

function display(v: Json, secretContext: boolean): Json {
  if (Array.isArray(v)) return v.map((x) => display(x, secretContext));
  if (isSecretValue(v)) return `«secret ${String(v["secret"])}»`;
  if (isPlainObject(v)) {
    if (typeof v["$ref"] === "string" && Object.keys(v).length === 1) return `→${v["$ref"]}`;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, display(x, secretContext || SECRET_NAME.test(k))]));
  }
  return secretContext && typeof v === "string" && v !== "" ? "«masked»" : v;
}

/** One line for a value at `path`; undefined is "(not set)". Long values are cut at `max` characters. */
export function showValue(v: Json | undefined, path: readonly string[], max = 120): string {
  if (v === undefined) return "(not set)";
  const shown = display(v, path.some((p) => SECRET_NAME.test(p)));
  const text = typeof shown === "string" ? shown : JSON.stringify(shown);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

