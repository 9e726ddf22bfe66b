// Symbolic references inside compiled bodies.
import type { Ref } from "./desired-state.ts";

export const ref = (address: string): Ref => ({ $ref: address });

export function isRef(value: unknown): value is Ref {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $ref?: unknown }).$ref === "string" &&
    Object.keys(value).length === 1
  );
}

/** Every `$ref` address inside a JSON value, sorted and unique. */
export function refsIn(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (isRef(v)) {
      out.add(v.$ref);
      return;
    }
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out].sort();
}

/** Replaces every `$ref` with the resolver's value (the Graph id in a tenant); returns a new value. */
export function resolveRefs<T>(value: T, resolve: (address: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (isRef(v)) return resolve(v.$ref);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
