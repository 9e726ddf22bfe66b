// Microsoft's description of a Graph property (src/generated/graph-descriptions.json, from the doc comments of the
// published beta typings), found along the type's base chain as graph-schema.json records it. Pure.
import descriptionsJson from "../generated/graph-descriptions.json" with { type: "json" };
import schemaJson from "../generated/graph-schema.json" with { type: "json" };

const DESCRIPTIONS = (descriptionsJson as { types: Readonly<Record<string, Readonly<Record<string, string>>>> }).types;
const BASES = (schemaJson as { types: Readonly<Record<string, { readonly base?: string }>> }).types;

/** The description of `property` on `type` (short @odata.type) or a base of it; null when Microsoft gives none. */
export function graphDescription(type: string, property: string): string | null {
  const seen = new Set<string>();
  for (let t: string | undefined = type; t !== undefined && !seen.has(t); t = BASES[t]?.base) {
    seen.add(t);
    const text = DESCRIPTIONS[t]?.[property];
    if (text !== undefined) return text;
  }
  return null;
}
