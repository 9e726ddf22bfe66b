// YAML text → SourceFile + plain JS value, with every failure turned into a diagnostic naming the file.
// Guards against hostile input: size, binary, wrong encoding, alias bombs and nesting depth.
import { CORE_SCHEMA, load } from "js-yaml";
import type { Document } from "yaml";
import type { Diagnostic, SourceRange } from "../diagnostics/diagnostic.ts";
import { diagnostic, hasErrors } from "../diagnostics/diagnostic.ts";
import type { SourceFile } from "./source-file.ts";
import { linePos, positioned } from "./source-file.ts";
import { directiveFindings, mayHoldDirective } from "./yaml-directives.ts";
import { yamlAst } from "./yaml-ast.ts";

export const LIMITS = { bytes: 16 * 1024 * 1024, depth: 64, aliases: 100 } as const;

export interface ParsedFile {
  readonly source: SourceFile;
  /** The file's plain value, or undefined when the file could not be parsed. */
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes raw bytes as UTF-8 plan text, or explains why it is not. */
export function decodePlanBytes(path: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  if (bytes.length > LIMITS.bytes) {
    return {
      diagnostic: diagnostic("IP003", {
        path: [],
        file: path,
        message: `${path} is ${bytes.length} bytes; plan files are limited to ${LIMITS.bytes} bytes`,
      }),
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { diagnostic: diagnostic("IP002", { path: [], file: path, message: `${path} is UTF-16 encoded; plan files must be UTF-8` }) };
  }
  if (bytes.includes(0)) {
    return {
      diagnostic: diagnostic("IP002", {
        path: [],
        file: path,
        message: `${path} contains NUL bytes; it looks like a binary file, not YAML`,
      }),
    };
  }
  try {
    const text = utf8.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { diagnostic: diagnostic("IP002", { path: [], file: path, message: `${path} is not valid UTF-8` }) };
  }
}

/** Deepest flow/indentation nesting, measured cheaply before the YAML parser runs (it recurses). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let indentMax = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45) {
        indent++;
        continue;
      } // spaces and "- " sequence markers both nest
      lineStart = false;
      if (indent > indentMax) indentMax = indent;
    }
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return Math.max(max, Math.floor(indentMax / 2));
}

/** YAML anchors or aliases: such files take the guarded path, which bounds alias expansion. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s[\]{},]/m;
// The pattern tries a match at every character (~12 ms over a 10k-object plan); most plan files hold no & or * at all.
const mayHoldAnchorOrAlias = (text: string): boolean => (text.includes("&") || text.includes("*")) && ANCHOR_OR_ALIAS.test(text);

/**
 * Parses one plan file. Values come from js-yaml (fast, no positions); the positioned AST from `yaml` is built
 * only when something must be placed: a syntax error, anchors or aliases (expansion is bounded there), a
 * directive (js-yaml does not report a %YAML version it reads, and reads `%YAML 1.1` files with the 1.2 schema
 * where `yaml` honours 1.1), or a diagnostic later. Without directives both read YAML 1.2 core-schema values, so
 * the two paths agree on every value.
 */
export function parsePlanText(path: string, text: string): ParsedFile {
  const source: SourceFile = { path, text };
  const depth = nestingDepth(text);
  if (depth > LIMITS.depth) {
    return {
      source,
      value: undefined,
      diagnostics: [
        diagnostic("IP003", {
          path: [],
          file: path,
          message: `${path} nests ${depth} levels deep; plan files are limited to ${LIMITS.depth}`,
        }),
      ],
    };
  }
  if (!mayHoldAnchorOrAlias(text) && !mayHoldDirective(text)) {
    let value: unknown;
    try {
      value = load(text, { schema: CORE_SCHEMA });
    } catch {
      return parseGuarded(source);
    }
    return finish(source, value);
  }
  return parseGuarded(source);
}

/** The `yaml` path: positioned errors, directives, duplicate keys and bounded alias expansion. */
function parseGuarded(source: SourceFile): ParsedFile {
  const { path } = source;
  let document;
  try {
    document = positioned(source).document;
  } catch (error) {
    return {
      source,
      value: undefined,
      diagnostics: [
        diagnostic("IP003", { path: [], file: path, message: `${path} could not be parsed safely: ${(error as Error).message}` }),
      ],
    };
  }
  const diagnostics: Diagnostic[] = document.errors.map((e) => {
    const code = e.code === "DUPLICATE_KEY" ? "IP004" : "IP001";
    const message = e.message.split("\n")[0] ?? e.message;
    return { ...diagnostic(code, { path: [], file: path, message }), subject: rangeOf(source, e.pos[0], e.pos[1]) };
  });
  for (const f of directiveFindings(source.text, document)) {
    diagnostics.push({ ...diagnostic(f.code, { path: [], file: path, message: f.message }), subject: rangeOf(source, f.start, f.end) });
  }
  for (const key of duplicateKeys(document)) {
    diagnostics.push({
      ...diagnostic("IP004", { path: [], file: path, message: `duplicate key ${JSON.stringify(key.name)} in one mapping` }),
      subject: rangeOf(source, key.start, key.end),
    });
  }
  if (hasErrors(diagnostics)) return { source, value: undefined, diagnostics };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (error) {
    return {
      source,
      value: undefined,
      diagnostics: [diagnostic("IP003", { path: [], file: path, message: `${path}: ${(error as Error).message}` })],
    };
  }
  const finished = finish(source, value);
  return { ...finished, diagnostics: [...diagnostics, ...finished.diagnostics] };
}

/**
 * Every repeated scalar key, in one pass: a set of key names per mapping. Keys compare by their plain-value text
 * (`1` and `"1"` collide), as they would once the file becomes a JS object, so no key can silently replace another.
 */
function duplicateKeys(document: Document.Parsed): { name: string; start: number; end: number }[] {
  const found: { name: string; start: number; end: number }[] = [];
  const { isMap, isScalar, visit } = yamlAst();
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (!seen.has(name)) {
          seen.add(name);
          continue;
        }
        const range = pair.key.range;
        found.push({ name, start: range?.[0] ?? 0, end: range?.[1] ?? 0 });
      }
    },
  });
  return found;
}

function finish(source: SourceFile, value: unknown): ParsedFile {
  if (value === null || value === undefined) return { source, value: {}, diagnostics: [] };
  if (typeof value !== "object" || Array.isArray(value)) {
    const range = positioned(source).document.contents?.range;
    return {
      source,
      value: undefined,
      diagnostics: [
        {
          ...diagnostic("IP011", {
            path: [],
            file: source.path,
            message: "a plan file must be a mapping of sections (phases, groups, compliance, …)",
          }),
          subject: rangeOf(source, range?.[0] ?? 0, range?.[1] ?? 0),
        },
      ],
    };
  }
  return { source, value, diagnostics: [] };
}

export function rangeOf(source: SourceFile, start: number, end: number): SourceRange {
  const s = linePos(source, start);
  const e = linePos(source, Math.max(start, end));
  return {
    file: source.path,
    start: { line: s.line, col: s.col, offset: start },
    end: { line: e.line, col: e.col, offset: Math.max(start, end) },
  };
}
