// The emulator's own reading of Microsoft's published Graph types (src/generated/graph-schema.json), used to refuse
// bodies Graph would refuse. Deliberately independent of src/graph-model/graph-schema.ts: the emulator must not share the
// product's mapping code, so that tests check that mapping against Microsoft's data instead of against itself.
import schemaJson from "../generated/graph-schema.json" with { type: "json" };

type RawType =
  | { readonly kind: "enum"; readonly members: readonly string[] }
  | {
      readonly kind: "entity" | "complex";
      readonly base?: string;
      readonly subtypes?: readonly string[];
      readonly properties: Readonly<Record<string, string>>;
    };

/** By name; a Map, so a type name taken from a request body (`@odata.type`) never finds an inherited member. */
const TYPES: ReadonlyMap<string, RawType> = new Map(Object.entries((schemaJson as { types: Record<string, RawType> }).types));

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonRecord = { [k: string]: JsonValue };

interface Property {
  readonly type: string;
  readonly collection: boolean;
  readonly nullable: boolean;
  readonly navigation: boolean;
}

function property(raw: string): Property {
  const navigation = raw.startsWith("nav:");
  let t = navigation ? raw.slice(4) : raw;
  const nullable = t.endsWith("?");
  if (nullable) t = t.slice(0, -1);
  const collection = t.endsWith("[]");
  return { type: collection ? t.slice(0, -2) : t, collection, nullable, navigation };
}

export function properties(typeName: string): Map<string, Property> {
  const out = new Map<string, Property>();
  for (let name: string | undefined = typeName; name;) {
    const t: RawType | undefined = TYPES.get(name);
    if (!t || t.kind === "enum") break;
    for (const [p, raw] of Object.entries(t.properties)) if (!out.has(p)) out.set(p, property(raw));
    name = t.base;
  }
  return out;
}

export const isKnownType = (name: string): boolean => TYPES.has(name);

export function derivesFrom(sub: string, base: string): boolean {
  for (let name: string | undefined = sub; name;) {
    if (name === base) return true;
    const t: RawType | undefined = TYPES.get(name);
    name = t && t.kind !== "enum" ? t.base : undefined;
  }
  return false;
}

export function enumMembers(name: string): readonly string[] | undefined {
  const t = TYPES.get(name);
  return t?.kind === "enum" ? t.members : undefined;
}

const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);
const shortType = (odataType: string): string => odataType.replace(/^#?microsoft\.graph\./, "");

/** Properties a client may send but Graph ignores (server-owned); Graph does not refuse them. */
export const SERVER_OWNED: ReadonlySet<string> = new Set([
  "id",
  "createdDateTime",
  "lastModifiedDateTime",
  "version",
  "isAssigned",
  "settingCount",
  "deployedAppCount",
  "supportsScopeTags",
  "creationSource",
  "priorityMetaData",
  "isBuiltIn",
  "isBuiltInRoleDefinition",
  "deletedDateTime",
  "renewedDateTime",
  "securityIdentifier",
  "payloads",
  // Windows update profiles: derived from the release the profile names (tenant.ts updateProfileFacts).
  "endOfSupportDate",
  "deployableContentDisplayName",
  "releaseDateDisplayName",
  "deviceReporting",
  "newUpdates",
  "inventorySyncStatus",
]);

/** The first problem Graph's deserialiser reports for `value` as `typeName`, or undefined when it accepts it. */
export function bodyProblem(typeName: string, value: JsonValue, path = ""): string | undefined {
  const t = TYPES.get(typeName);
  if (!t) return undefined; // primitives (string, number, boolean) and types outside the closure
  if (t.kind === "enum") {
    if (typeof value !== "string")
      return `Cannot convert the literal '${JSON.stringify(value)}' to the expected type 'microsoft.graph.${typeName}'.`;
    // Flags enums travel as comma lists.
    const bad = value
      .split(",")
      .map((s) => s.trim())
      .find((m) => !t.members.includes(m));
    return bad === undefined ? undefined : `Requested value '${bad}' was not found.`;
  }
  if (!isRecord(value)) return `Cannot convert the literal '${JSON.stringify(value)}' to the expected type 'microsoft.graph.${typeName}'.`;
  let actual = typeName;
  const declared = value["@odata.type"];
  if (typeof declared === "string") {
    const s = shortType(declared);
    if (!isKnownType(s) || !derivesFrom(s, typeName))
      return `A type named '${declared}' could not be resolved by the model, or is not compatible with 'microsoft.graph.${typeName}'.`;
    actual = s;
  }
  const props = properties(actual);
  for (const [key, v] of Object.entries(value)) {
    // OData control information (`@odata.type`, and `<property>@odata.type` annotations exports carry) is not data.
    if (
      key === "@odata.type" ||
      SERVER_OWNED.has(key) ||
      /^[^@]*@odata\.(type|context|id|etag|editLink|readLink|navigationLink|associationLink|mediaReadLink|mediaEditLink)$/.test(key)
    )
      continue;
    const bind = key.endsWith("@odata.bind") ? key.slice(0, -"@odata.bind".length) : undefined;
    const p = props.get(bind ?? key);
    if (!p || (bind !== undefined && !p.navigation))
      return `The property '${key}' does not exist on type 'microsoft.graph.${actual}'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
    if (bind !== undefined || v === null) continue;
    if (p.navigation) return `The property '${key}' is a navigation property of 'microsoft.graph.${actual}' and cannot be written inline.`;
    const items = p.collection ? (Array.isArray(v) ? v : null) : [v];
    if (items === null) return `The property '${key}' of 'microsoft.graph.${actual}' expects a collection.`;
    for (const item of items) {
      const primitive =
        p.type === "string"
          ? typeof item === "string"
          : p.type === "number"
            ? typeof item === "number"
            : p.type === "boolean"
              ? typeof item === "boolean"
              : undefined;
      if (primitive === false && item !== null)
        return `Cannot convert the literal '${JSON.stringify(item)}' to the expected type '${p.type === "number" ? "Edm.Int32" : p.type === "boolean" ? "Edm.Boolean" : "Edm.String"}' (property '${path}${key}').`;
      if (primitive === undefined && item !== null) {
        const nested = bodyProblem(p.type, item, `${path}${key}.`);
        if (nested) return nested;
      }
    }
  }
  return undefined;
}

/** The value Graph reports for a property nobody set (GRAPH-NOTES N11). */
export function defaultFor(p: Property): JsonValue {
  if (p.collection) return [];
  if (p.nullable) return null;
  if (p.type === "boolean") return false;
  if (p.type === "number") return 0;
  const members = enumMembers(p.type);
  if (members) return members.includes("notConfigured") ? "notConfigured" : (members[0] ?? null);
  return null;
}
