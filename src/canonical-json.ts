// One canonical JSON text per value (object keys sorted locale-independently): equal values give equal text.
import { compareText } from "./text-order.ts";

export function canonicalJson(value: unknown): string {
  // Most values are scalars (a setting's true, 6, "block"): their text needs no key ordering.
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareText(a, b)))
      : v,
  );
}
