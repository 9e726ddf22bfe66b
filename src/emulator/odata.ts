// The OData query options the emulator understands: $select, $filter (eq joined by and), $expand (names, nested
// options ignored), $top (also `top`, as the portal writes it), $skiptoken, $count. Anything else it cannot
// honour is refused the way Graph refuses it, never silently ignored.
import { badRequest } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";

export interface Query {
  readonly select?: ReadonlySet<string>;
  readonly filter?: (item: JsonRecord) => boolean;
  /** The filter's clauses (all must hold): a clause on an indexed property lets the list skip a full scan. */
  readonly equals?: readonly FilterClause[];
  readonly expand: ReadonlySet<string>;
  readonly top?: number;
  readonly skip: number;
  readonly count: boolean;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Splits at `separator` where it is not inside a single-quoted literal ('' escapes a quote). */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") {
      quoted = !quoted;
      continue;
    }
    if (quoted) continue;
    const m = separator.exec(text.slice(i));
    if (m) {
      out.push(text.slice(start, i));
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function literal(text: string): JsonValue {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw badRequest(`Invalid filter clause: unsupported literal ${text}`, "intune");
}

export interface FilterClause {
  readonly property: string;
  readonly value: JsonValue;
}

function parseClauses(text: string, service: "directory" | "intune"): FilterClause[] {
  return splitOutsideQuotes(text, /^\s+and\s+/i).map((c) => {
    const m = /^\s*([A-Za-z@.]+)\s+eq\s+(.+?)\s*$/s.exec(c);
    if (!m) throw badRequest(`Invalid filter clause: only 'property eq value' joined by 'and' is supported here (${c.trim()})`, service);
    const [, property = "", value = ""] = m;
    return { property, value: literal(value) };
  });
}

function matcher(clauses: readonly FilterClause[]): (item: JsonRecord) => boolean {
  return (item) =>
    clauses.every((c) =>
      typeof c.value === "string" && typeof item[c.property] === "string"
        ? (item[c.property] as string).toLowerCase() === c.value.toLowerCase()
        : item[c.property] === c.value,
    );
}

export function parseQuery(params: URLSearchParams, service: "directory" | "intune"): Query {
  const get = (name: string): string | null => params.get(`$${name}`) ?? params.get(name);
  const select = get("select");
  const filter = get("filter");
  const clauses = filter ? parseClauses(filter, service) : undefined;
  const top = get("top");
  const token = params.get("$skiptoken");
  let skip = 0;
  if (token) {
    const decoded = Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(decoded) || decoded < 0) throw badRequest("Invalid $skiptoken", service);
    skip = decoded;
  }
  if (top !== null && !(Number(top) > 0 && Number.isInteger(Number(top)))) throw badRequest(`Invalid value '${top}' for $top`, service);
  return {
    ...(select ? { select: new Set(splitTopLevel(select).map((s) => s.split("/").pop() ?? s)) } : {}),
    ...(clauses ? { filter: matcher(clauses), equals: clauses } : {}),
    expand: new Set(splitTopLevel(get("expand") ?? "").map((e) => e.replace(/\(.*$/s, ""))),
    ...(top !== null ? { top: Number(top) } : {}),
    skip,
    count: get("count") === "true",
  };
}

export const skipToken = (offset: number): string => Buffer.from(String(offset)).toString("base64url");

/** Applies $select: the listed properties, plus id and @odata.type which Graph always returns. */
export function selected(item: JsonRecord, select: ReadonlySet<string> | undefined): JsonRecord {
  if (!select) return item;
  return Object.fromEntries(
    Object.entries(item).filter(
      ([k]) => k === "id" || k === "@odata.type" || select.has(k) || select.has(k.replace(/@odata\.context$/, "")),
    ),
  );
}

/**
 * One page of a list as Graph answers it: `$top` items (default `pageSize`, at most 999) from `$skiptoken`'s
 * offset, `$select` applied, and an `@odata.nextLink` (the request's options with the next skip token) while more
 * remain. `items` are the list after any `$filter` the caller applies.
 */
export function listPage(
  items: readonly JsonRecord[],
  query: Query,
  params: URLSearchParams,
  at: { readonly base: string; readonly path: string; readonly contextUrl: string; readonly pageSize: number },
): JsonRecord {
  const size = Math.min(query.top ?? at.pageSize, 999);
  const rest = new URLSearchParams(params);
  rest.set("$skiptoken", skipToken(query.skip + size));
  return {
    "@odata.context": at.contextUrl,
    value: items.slice(query.skip, query.skip + size).map((i) => selected(i, query.select)),
    ...(query.skip + size < items.length ? { "@odata.nextLink": `${at.base}${at.path}?${rest.toString()}` } : {}),
  };
}
