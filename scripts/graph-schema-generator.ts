// Generates the runtime Graph schema from Microsoft's published beta typings
// (@microsoft/microsoft-graph-types-beta). Pure: typings text in, JSON text out, so a test can prove that
// regeneration gives the committed bytes. Only the closure of the types the plan can produce is kept.
import ts from "typescript";
import { compareText } from "../src/text-order.ts";

export interface GeneratorInput {
  readonly dts: string;
  readonly packageVersion: string;
  readonly roots: readonly string[];
}

/** Entity-typed properties that Graph accepts inline in a create body (deep insert); other navigations are not settable. */
const INLINE_NAVIGATIONS = new Set(["scheduledActionsForRule", "scheduledActionConfigurations", "settings"]);

interface RawInterface {
  readonly bases: readonly string[];
  readonly props: ReadonlyMap<string, ts.TypeNode>;
  /** Property → the [min, max] its doc comment documents ("Valid values 4 to 14"). */
  readonly ranges: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * The range a property's doc comment states. Microsoft's typings carry the Graph docs' descriptions, and numeric
 * properties say "Valid values 4 to 14", "Valid values range from 0-100" or "with valid range from 0 to 30 days"
 * (sometimes across a line break of a block comment); other wordings state no range.
 */
export function documentedRange(comment: string): readonly [number, number] | undefined {
  const text = comment.replace(/\/\*\*?|\*\/|^\s*\*|\/\//gm, " ").replace(/\s+/g, " ");
  const m = /valid (?:values|range)(?: range)? (?:from |between )?(-?\d+)(?: to |\s*-\s*| and )(-?\d+)/i.exec(text);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min <= max ? [min, max] : undefined;
}

interface ResolvedType {
  readonly name: string;
  readonly collection: boolean;
  readonly nullable: boolean;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function generateGraphSchema(input: GeneratorInput): string {
  const source = ts.createSourceFile("microsoft-graph.d.ts", input.dts, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const interfaces = new Map<string, RawInterface>();
  const enums = new Map<string, string[]>();

  for (const stmt of source.statements) {
    if (ts.isInterfaceDeclaration(stmt)) {
      const bases = (stmt.heritageClauses ?? []).flatMap((h) => h.types.map((t) => lowerFirst(t.expression.getText(source))));
      const props = new Map<string, ts.TypeNode>();
      const ranges = new Map<string, readonly [number, number]>();
      for (const m of stmt.members) {
        if (ts.isPropertySignature(m) && m.type && m.name) {
          const name = m.name.getText(source).replace(/^["']|["']$/g, "");
          props.set(name, m.type);
          const comment = (ts.getLeadingCommentRanges(input.dts, m.pos) ?? []).map((c) => input.dts.slice(c.pos, c.end)).join("\n");
          const range = documentedRange(comment);
          if (range) ranges.set(name, range);
        }
      }
      interfaces.set(lowerFirst(stmt.name.text), { bases, props, ranges });
    } else if (ts.isTypeAliasDeclaration(stmt) && ts.isUnionTypeNode(stmt.type)) {
      const members = stmt.type.types.flatMap((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : []));
      if (members.length === stmt.type.types.length) enums.set(lowerFirst(stmt.name.text), members);
    }
  }

  const isEntity = (name: string, seen = new Set<string>()): boolean => {
    if (name === "entity") return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return (interfaces.get(name)?.bases ?? []).some((b) => isEntity(b, seen));
  };

  const subtypes = new Map<string, string[]>();
  for (const [name, raw] of interfaces) {
    for (const b of raw.bases) subtypes.set(b, [...(subtypes.get(b) ?? []), name]);
  }

  const resolve = (node: ts.TypeNode): ResolvedType => {
    if (ts.isTypeReferenceNode(node)) {
      const ref = node.typeName.getText(source);
      if (ref === "NullableOption" && node.typeArguments?.[0]) return { ...resolve(node.typeArguments[0]), nullable: true };
      return { name: lowerFirst(ref), collection: false, nullable: false };
    }
    if (ts.isArrayTypeNode(node)) return { ...resolve(node.elementType), collection: true };
    if (ts.isParenthesizedTypeNode(node)) return resolve(node.type);
    if (ts.isUnionTypeNode(node)) {
      const nonNull = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      const first = nonNull[0];
      if (nonNull.length === 1 && first) return { ...resolve(first), nullable: true };
      return { name: "unknown", collection: false, nullable: true };
    }
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { name: "string", collection: false, nullable: false };
      case ts.SyntaxKind.NumberKeyword:
        return { name: "number", collection: false, nullable: false };
      case ts.SyntaxKind.BooleanKeyword:
        return { name: "boolean", collection: false, nullable: false };
      default:
        return { name: "unknown", collection: false, nullable: false };
    }
  };

  const out = new Map<string, Record<string, unknown>>();
  const queue: string[] = [...input.roots];
  const include = (name: string): void => {
    if (!out.has(name) && !queue.includes(name)) queue.push(name);
  };

  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (out.has(name)) continue;
    const members = enums.get(name);
    if (members) {
      out.set(name, { kind: "enum", members });
      continue;
    }
    const raw = interfaces.get(name);
    if (!raw) continue;
    const properties: Record<string, string> = {};
    const ranges: Record<string, readonly [number, number]> = {};
    for (const [prop, node] of [...raw.props].sort(([a], [b]) => compareText(a, b))) {
      const t = resolve(node);
      const range = raw.ranges.get(prop);
      if (range && t.name === "number") ranges[prop] = range;
      const target = t.name;
      const known = target === "string" || target === "number" || target === "boolean" || target === "unknown";
      const navigation = !known && interfaces.has(target) && isEntity(target) && !INLINE_NAVIGATIONS.has(prop);
      properties[prop] =
        `${navigation ? "nav:" : ""}${known || interfaces.has(target) || enums.has(target) ? target : "unknown"}${t.collection ? "[]" : ""}${t.nullable ? "?" : ""}`;
      if (!known && !navigation && (interfaces.has(target) || enums.has(target))) include(target);
    }
    const base = raw.bases.find((b) => b !== "entity" && interfaces.has(b));
    if (base) include(base);
    const entity = isEntity(name);
    // Polymorphic complex values (setting instances, install schedules, app identifiers) may carry any subtype.
    const subs = entity && !input.roots.includes(name) ? [] : (subtypes.get(name) ?? []).filter((s) => !isEntity(s));
    for (const s of subs) include(s);
    out.set(name, {
      kind: entity ? "entity" : "complex",
      ...(base ? { base } : {}),
      ...(subs.length > 0 ? { subtypes: [...subs].sort() } : {}),
      properties,
      ...(Object.keys(ranges).length > 0 ? { ranges } : {}),
    });
  }

  const types = Object.fromEntries([...out].sort(([a], [b]) => compareText(a, b)));
  return `${JSON.stringify({ source: `@microsoft/microsoft-graph-types-beta@${input.packageVersion}`, roots: [...input.roots].sort(), types }, null, 1)}\n`;
}
