// Runtime view of the schema generated from Microsoft's published beta types (src/generated/graph-schema.json):
// property lookup along the base chain and value checking for plan settings. Pure.
import schemaJson from "../generated/graph-schema.json" with { type: "json" };
import { suggest } from "../diagnostics/suggest.ts";
import { isSecretRef } from "./secrets.ts";
import { SERVER_OWNED } from "./server-owned.ts";
import { DOCUMENTED_RANGES } from "./setting-ranges.ts";

interface EnumType {
  readonly kind: "enum";
  readonly members: readonly string[];
}
interface ObjectType {
  readonly kind: "entity" | "complex";
  readonly base?: string;
  readonly subtypes?: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
  /** Number properties → the [min, max] Microsoft documents for them ("Valid values 4 to 14"). */
  readonly ranges?: Readonly<Record<string, readonly number[]>>;
}
type GraphType = EnumType | ObjectType;

const TYPES = (schemaJson as { types: Record<string, GraphType> }).types;

/** Properties Graph computes; a request body must not carry them. */
/** The parsed form of a property type string such as `managedMobileApp[]?` or `nav:group`. */
export interface PropertyType {
  readonly type: string;
  readonly collection: boolean;
  readonly nullable: boolean;
  readonly navigation: boolean;
  /** Inclusive bounds Microsoft documents for a number property (see setting-ranges.ts for the sources). */
  readonly range?: readonly [number, number];
}

export function parsePropertyType(raw: string): PropertyType {
  const navigation = raw.startsWith("nav:");
  let t = navigation ? raw.slice(4) : raw;
  const nullable = t.endsWith("?");
  if (nullable) t = t.slice(0, -1);
  const collection = t.endsWith("[]");
  if (collection) t = t.slice(0, -2);
  return { type: t, collection, nullable, navigation };
}

export function hasGraphType(name: string): boolean {
  return Object.hasOwn(TYPES, name);
}

const propertyCache = new Map<string, ReadonlyMap<string, PropertyType>>();

/** All properties of a type, including those of its base types. */
export function propertiesOf(typeName: string): ReadonlyMap<string, PropertyType> {
  const cached = propertyCache.get(typeName);
  if (cached) return cached;
  const result = new Map<string, PropertyType>();
  for (let name: string | undefined = typeName; name;) {
    const t: GraphType | undefined = TYPES[name];
    if (!t || t.kind === "enum") break;
    for (const [p, raw] of Object.entries(t.properties)) {
      if (result.has(p)) continue;
      const generated = t.ranges?.[p];
      const range =
        DOCUMENTED_RANGES[`${name}.${p}`] ??
        (generated?.length === 2 ? ([generated[0] as number, generated[1] as number] as const) : undefined);
      result.set(p, range ? { ...parsePropertyType(raw), range } : parsePropertyType(raw));
    }
    name = t.base;
  }
  propertyCache.set(typeName, result);
  return result;
}

/** True when `sub` is `base` or derives from it. */
export function isSubtypeOf(sub: string, base: string): boolean {
  for (let name: string | undefined = sub; name;) {
    if (name === base) return true;
    const t: GraphType | undefined = TYPES[name];
    name = t && t.kind !== "enum" ? t.base : undefined;
  }
  return false;
}

export type SettingIssueKind =
  "unknown-property" | "server-owned" | "navigation" | "wrong-type" | "bad-enum" | "bad-odata-type" | "out-of-range";

/** A problem found in a Graph body, with a path relative to the body. */
export interface SettingIssue {
  readonly kind: SettingIssueKind;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint?: string;
  /** For unknown properties: the closest known property name. */
  readonly suggestion?: string;
}

/** "a list", "a mapping", "null" or `<type> <json>`: how messages name a value the author wrote. */
export const describeValue = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)}`;

/**
 * Checks a Graph body (the plan's `settings`) against `typeName`. Keys starting with `@odata.` are OData
 * annotations: `@odata.type` must name the declared type or a subtype.
 */
export function checkGraphBody(
  typeName: string,
  body: Readonly<Record<string, unknown>>,
  omit: ReadonlySet<string> = new Set(),
): SettingIssue[] {
  const issues: SettingIssue[] = [];
  checkObject(typeName, body, [], issues, omit);
  return issues;
}

function checkObject(
  declared: string,
  body: Readonly<Record<string, unknown>>,
  path: (string | number)[],
  issues: SettingIssue[],
  omit: ReadonlySet<string>,
): void {
  let typeName = declared;
  const odataType = body["@odata.type"];
  if (odataType !== undefined) {
    const named = typeof odataType === "string" ? odataType.replace(/^#?microsoft\.graph\./, "") : "";
    if (!hasGraphType(named) || !isSubtypeOf(named, declared)) {
      issues.push({
        kind: "bad-odata-type",
        path: [...path, "@odata.type"],
        message: `@odata.type ${JSON.stringify(odataType)} is not ${declared} or one of its subtypes`,
      });
      return;
    }
    typeName = named;
  }
  const props = propertiesOf(typeName);
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith("@odata.") || (path.length === 0 && omit.has(key))) continue;
    const at = [...path, key];
    // `<navigation>@odata.bind` links a navigation property to an existing entity by URL.
    const bind = /^(.+)@odata\.bind$/.exec(key);
    if (bind?.[1] !== undefined) {
      if (!props.get(bind[1])?.navigation)
        issues.push({ kind: "unknown-property", path: at, message: `${typeName} has no navigation property ${bind[1]} to bind` });
      else if (typeof value !== "string" && !(Array.isArray(value) && value.every((v) => typeof v === "string")))
        issues.push({ kind: "wrong-type", path: at, message: `${key} expects an entity URL` });
      continue;
    }
    const prop = props.get(key);
    if (!prop) {
      const suggestion = suggest(key, props.keys());
      issues.push({
        kind: "unknown-property",
        path: at,
        message: `${typeName} has no property ${key}`,
        ...(suggestion ? { suggestion, hint: `Did you mean ${suggestion}?` } : {}),
      });
      continue;
    }
    if (path.length === 0 && SERVER_OWNED.has(key)) {
      issues.push({ kind: "server-owned", path: at, message: `${key} is computed by Graph and cannot be set` });
      continue;
    }
    if (prop.navigation) {
      issues.push({ kind: "navigation", path: at, message: `${key} is a navigation property of ${typeName} and cannot be set in a body` });
      continue;
    }
    checkValue(prop, value, at, issues);
  }
}

function checkValue(prop: PropertyType, value: unknown, path: (string | number)[], issues: SettingIssue[]): void {
  if (value === null) {
    if (!prop.nullable) issues.push({ kind: "wrong-type", path, message: `${String(path.at(-1))} cannot be null` });
    return;
  }
  if (prop.collection) {
    if (!Array.isArray(value)) {
      issues.push({
        kind: "wrong-type",
        path,
        message: `${String(path.at(-1))} expects a list of ${prop.type}, got ${describeValue(value)}`,
      });
      return;
    }
    value.forEach((item, i) => checkScalar(prop.type, item, [...path, i], issues, prop.range));
    return;
  }
  checkScalar(prop.type, value, path, issues, prop.range);
}

function checkScalar(
  type: string,
  value: unknown,
  path: (string | number)[],
  issues: SettingIssue[],
  range?: readonly [number, number],
): void {
  const name = String(path.at(-1));
  switch (type) {
    case "unknown":
      return;
    case "string":
      if (typeof value !== "string" && !isSecretRef(value))
        issues.push({ kind: "wrong-type", path, message: `${name} expects a string, got ${describeValue(value)}` });
      return;
    case "number":
      if (typeof value !== "number")
        issues.push({ kind: "wrong-type", path, message: `${name} expects a number, got ${describeValue(value)}` });
      else if (range && (value < range[0] || value > range[1]))
        issues.push({
          kind: "out-of-range",
          path,
          message: `${name} = ${value} is outside the range Microsoft documents for it (${range[0]} to ${range[1]})`,
        });
      return;
    case "boolean":
      if (typeof value !== "boolean")
        issues.push({ kind: "wrong-type", path, message: `${name} expects true or false, got ${describeValue(value)}` });
      return;
  }
  const t = TYPES[type];
  if (!t) return;
  if (t.kind === "enum") {
    // Flags enums serialise as comma lists ("mdm,microsoftSense"); every token must be a member.
    const tokens = typeof value === "string" ? value.split(",").map((s) => s.trim()) : [];
    const bad = typeof value !== "string" ? [describeValue(value)] : tokens.filter((tok) => !t.members.includes(tok));
    if (bad.length > 0) {
      const s = typeof value === "string" ? suggest(value, t.members) : undefined;
      issues.push({
        kind: "bad-enum",
        path,
        message: `${name} does not accept ${typeof value === "string" ? JSON.stringify(value) : bad[0]}; allowed: ${t.members.join(", ")}`,
        ...(s ? { suggestion: s, hint: `Did you mean ${s}?` } : {}),
      });
    }
    return;
  }
  if (typeof value !== "object" || Array.isArray(value) || value === null) {
    issues.push({ kind: "wrong-type", path, message: `${name} expects a ${type} object, got ${describeValue(value)}` });
    return;
  }
  checkObject(type, value as Record<string, unknown>, path, issues, new Set());
}

/** Plan root types whose properties include `key` (used to say "this is an iOS setting"). */
export function typesDeclaring(key: string, candidates: readonly string[]): string[] {
  return candidates.filter((t) => propertiesOf(t).has(key));
}

/**
 * The value Graph reports for a property nobody set (GRAPH-NOTES N11): empty for lists and nullable properties,
 * false, 0, and for enums `notConfigured` when the enum has it, else its first member. Import leaves these out
 * of the plans it writes: a plan states what an admin chose, not what Graph filled in.
 */
export function graphDefault(p: PropertyType): unknown {
  if (p.collection) return [];
  if (p.nullable) return null;
  if (p.type === "boolean") return false;
  if (p.type === "number") return 0;
  const t = TYPES[p.type];
  if (t?.kind === "enum") return t.members.includes("notConfigured") ? "notConfigured" : t.members[0];
  return null;
}
