// One file's plain value → typed PlanFile, with zod issues turned into diagnostics (paths relative to the file).
import { z } from "zod";
import type { Diagnostic, PlanPath } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { describeValue } from "../graph-model/graph-schema.ts";
import { suggest } from "../diagnostics/suggest.ts";
import type { PlanFile } from "./schema.ts";
import { planFileSchema } from "./schema.ts";

export function checkPlanFile(file: string, value: unknown): { value: PlanFile | undefined; diagnostics: Diagnostic[] } {
  const result = planFileSchema.safeParse(value);
  if (result.success) return { value: result.data, diagnostics: [] };
  return { value: undefined, diagnostics: result.error.issues.flatMap((issue) => toDiagnostics(file, issue, value)) };
}

function toDiagnostics(file: string, issue: z.core.$ZodIssue, root: unknown): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(planFileSchema, path);
      return issue.keys.map((key) => {
        const s = suggest(key, known);
        const where = path.length === 0 ? "at the top of a plan file" : `in ${path.join(".")}`;
        return diagnostic("IP010", {
          file,
          path: [...path, key],
          atKey: true,
          message: `unknown key ${key} ${where}`,
          hint: s ? `Did you mean ${s}?` : `Allowed keys: ${known.join(", ")}.`,
        });
      });
    }
    case "invalid_type": {
      const present = valueAt(root, path) !== undefined;
      if (!present) {
        return [missing(file, path)];
      }
      return [
        diagnostic("IP011", {
          file,
          path,
          message: `${label(path)}: expected ${issue.expected}, got ${describeValue(valueAt(root, path))}`,
        }),
      ];
    }
    case "invalid_value": {
      const got = valueAt(root, path);
      if (got === undefined) return [missing(file, path)];
      const allowed = issue.values.map(String);
      const s = typeof got === "string" ? suggest(got, allowed) : undefined;
      return [
        diagnostic("IP013", {
          file,
          path,
          message: `${label(path)}: ${JSON.stringify(got)} is not one of ${allowed.join(", ")}`,
          ...(s ? { hint: `Did you mean ${s}?` } : {}),
        }),
      ];
    }
    case "invalid_union": {
      if (valueAt(root, path) === undefined) return [missing(file, path)];
      return [
        diagnostic("IP011", { file, path, message: `${label(path)}: ${describeValue(valueAt(root, path))} is not an accepted form here` }),
      ];
    }
    case "invalid_key": {
      const key = String(path.at(-1));
      return [
        diagnostic("IP013", {
          file,
          path,
          atKey: true,
          message: `invalid key ${JSON.stringify(key)}: ${issue.issues[0]?.message ?? "not a valid key"}`,
        }),
      ];
    }
    default:
      return [diagnostic("IP013", { file, path, message: `${label(path)}: ${issue.message}` })];
  }
}

/** A missing field has no node of its own: point at the key of the object that lacks it. */
function missing(file: string, path: PlanPath): Diagnostic {
  const name = String(path.at(-1));
  const parent = path.slice(0, -1);
  return diagnostic("IP012", {
    file,
    path: parent,
    atKey: parent.length > 0,
    message: `${name} is required${parent.length > 0 ? ` in ${label(parent)}` : ""}`,
    hint: `Add ${name}.`,
  });
}

const label = (path: PlanPath): string =>
  path.length === 0
    ? "file"
    : path
        .map((p) => (typeof p === "number" ? `[${p}]` : p))
        .join(".")
        .replace(/\.\[/g, "[");

function valueAt(root: unknown, path: PlanPath): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The object keys the schema allows at `path` (for "did you mean" on unknown keys). */
export function knownKeys(schema: z.ZodType, path: PlanPath): string[] {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(seg)];
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  let cur = s;
  while (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
  if (cur instanceof z.ZodUnion) return (cur.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject) ?? cur;
  return cur;
}
