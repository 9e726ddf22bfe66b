// Helpers over Graph's JSON shared by the compiler, the diff engine and the Graph adapters.
/** A JSON value as Graph sends and takes it. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };
export type JsonObject = { readonly [k: string]: Json };

/** Graph's "no id" (an empty notification template, no filter). */
export const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

/** N11: what Graph returns for a property nobody set. Two empty values are equal; an empty value equals absence. */
export const isEmptyValue = (v: Json | undefined): boolean =>
  v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0);

export const isPlainObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** `#microsoft.graph.windows10CompliancePolicy` → `windows10CompliancePolicy`. */
export const shortType = (t: Json | undefined): string => String(t ?? "").replace(/^#?microsoft\.graph\./, "");
