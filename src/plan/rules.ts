// Parser for Entra dynamic-membership rules and Intune assignment-filter rules (one grammar, two dialects).
// Pure; returns findings with offsets into the rule text instead of throwing.
import { suggest } from "../diagnostics/suggest.ts";

export interface RuleDialect {
  readonly name: string;
  readonly maxLength: number;
  readonly prefixes: Readonly<Record<string, readonly string[]>>;
  readonly operators: readonly string[];
}

const GROUP_USER = [
  "accountEnabled",
  "city",
  "companyName",
  "country",
  "department",
  "dirSyncEnabled",
  "displayName",
  "employeeId",
  "employeeHireDate",
  "facsimileTelephoneNumber",
  "givenName",
  "jobTitle",
  "mail",
  "mailNickName",
  "memberOf",
  "mobile",
  "objectId",
  "onPremisesSecurityIdentifier",
  "otherMails",
  "passwordPolicies",
  "physicalDeliveryOfficeName",
  "postalCode",
  "preferredLanguage",
  "proxyAddresses",
  "sipProxyAddress",
  "state",
  "streetAddress",
  "surname",
  "telephoneNumber",
  "usageLocation",
  "userPrincipalName",
  "userType",
  "assignedPlans",
  "employeeType",
];
const GROUP_DEVICE = [
  "accountEnabled",
  "deviceCategory",
  "deviceId",
  "deviceManagementAppId",
  "deviceManufacturer",
  "deviceModel",
  "displayName",
  "deviceOSType",
  "deviceOSVersion",
  "deviceOwnership",
  "devicePhysicalIds",
  "deviceTrustType",
  "enrollmentProfileName",
  "isRooted",
  "managementType",
  "memberOf",
  "objectId",
  "profileType",
  "systemLabels",
];

export const MEMBERSHIP_RULES: RuleDialect = {
  name: "membership rule",
  maxLength: 3072,
  prefixes: { user: GROUP_USER, device: GROUP_DEVICE },
  operators: [
    "eq",
    "ne",
    "startsWith",
    "notStartsWith",
    "endsWith",
    "notEndsWith",
    "contains",
    "notContains",
    "match",
    "notMatch",
    "in",
    "notIn",
    "le",
    "ge",
    "any",
    "all",
  ],
};

export const FILTER_RULES: RuleDialect = {
  name: "filter rule",
  maxLength: 3072,
  prefixes: {
    device: [
      "cpuArchitecture",
      "deviceCategory",
      "deviceName",
      "deviceOwnership",
      "deviceTrustType",
      "enrollmentProfileName",
      "isRooted",
      "manufacturer",
      "model",
      "operatingSystemVersion",
      "osVersion",
      "operatingSystemSKU",
      "operatingSystemEdition",
    ],
    app: ["appVersion", "deviceManagementType", "deviceManufacturer", "deviceModel", "operatingSystemVersion"],
  },
  operators: ["eq", "ne", "in", "notIn", "startsWith", "contains", "notContains", "endsWith", "gt", "ge", "lt", "le"],
};

export interface RuleFinding {
  readonly message: string;
  readonly offset: number;
}
export interface RuleComparison {
  readonly prefix: string;
  readonly property: string;
  readonly operator: string;
  readonly values: readonly (string | number | boolean | null)[];
}
export interface RuleAnalysis {
  readonly findings: readonly RuleFinding[];
  readonly prefixes: ReadonlySet<string>;
  readonly comparisons: readonly RuleComparison[];
  /** True when the rule is a plain conjunction: no -or, -not, -any or -all, so every comparison must hold. */
  readonly conjunctive: boolean;
}

type Tok =
  | { k: "(" | ")" | "[" | "]" | ","; at: number }
  | { k: "op"; v: string; at: number }
  | { k: "id"; v: string; at: number }
  | { k: "str"; v: string; at: number }
  | { k: "num"; v: number; at: number }
  | { k: "end"; at: number };

const LOGICAL = new Set(["and", "or", "not"]);

function tokenize(text: string, findings: RuleFinding[]): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ("()[],".includes(c)) {
      toks.push({ k: c as "(", at: i });
      i++;
      continue;
    }
    if (c === '"') {
      let v = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "`" && j + 1 < text.length) {
          j++;
        }
        v += text[j];
      }
      if (j >= text.length) {
        findings.push({ message: "unterminated string", offset: i });
        return [...toks, { k: "end", at: text.length }];
      }
      toks.push({ k: "str", v, at: i });
      i = j + 1;
      continue;
    }
    const m = /^-?[A-Za-z_$][A-Za-z0-9_.$]*/.exec(text.slice(i));
    if (m) {
      const word = m[0];
      if (word.startsWith("-")) toks.push({ k: "op", v: word.slice(1), at: i });
      else toks.push({ k: "id", v: word, at: i });
      i += word.length;
      continue;
    }
    const n = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (n) {
      toks.push({ k: "num", v: Number(n[0]), at: i });
      i += n[0].length;
      continue;
    }
    findings.push({ message: `unexpected character ${JSON.stringify(c)}`, offset: i });
    i++;
  }
  toks.push({ k: "end", at: text.length });
  return toks;
}

export function analyzeRule(text: string, dialect: RuleDialect): RuleAnalysis {
  const findings: RuleFinding[] = [];
  const prefixes = new Set<string>();
  const comparisons: RuleComparison[] = [];
  let conjunctive = true;
  if (text.length > dialect.maxLength)
    findings.push({ message: `${dialect.name} is ${text.length} characters; the limit is ${dialect.maxLength}`, offset: 0 });
  const toks = tokenize(text, findings);
  let p = 0;
  const peek = (): Tok => toks[p] as Tok;
  const next = (): Tok => toks[p++] as Tok;
  const isWord = (t: Tok, w: string): boolean => (t.k === "op" || t.k === "id") && t.v.toLowerCase() === w;
  const fail = (message: string, at: number): never => {
    findings.push({ message, offset: at });
    throw new RuleError();
  };
  const operatorOf = (t: Tok): string | undefined => {
    if (t.k !== "op" && t.k !== "id") return undefined;
    return dialect.operators.find((o) => o.toLowerCase() === t.v.toLowerCase());
  };

  const parseValue = (): (string | number | boolean | null)[] => {
    const t = next();
    if (t.k === "str") return [t.v];
    if (t.k === "num") return [t.v];
    if (t.k === "id" && ["true", "false"].includes(t.v.toLowerCase())) return [t.v.toLowerCase() === "true"];
    if (t.k === "id" && ["null", "$null"].includes(t.v.toLowerCase())) return [null];
    if (t.k === "[") {
      const values: (string | number | boolean | null)[] = [];
      if (peek().k === "]") {
        next();
        return values;
      }
      for (;;) {
        values.push(...parseValue());
        const sep = next();
        if (sep.k === "]") return values;
        if (sep.k !== ",") fail("expected , or ] in a list", sep.at);
      }
    }
    return fail("expected a value (a quoted string, number, true/false, null or a [list])", t.at);
  };

  const parseProperty = (t: Tok): { prefix: string; property: string } => {
    if (t.k !== "id")
      return fail(
        `expected a property such as ${Object.keys(dialect.prefixes)[0]}.${Object.values(dialect.prefixes)[0]?.[0] ?? "x"}`,
        t.at,
      );
    const dot = t.v.indexOf(".");
    const prefix = dot < 0 ? t.v : t.v.slice(0, dot);
    const property = dot < 0 ? "" : t.v.slice(dot + 1);
    const known = dialect.prefixes[prefix];
    if (!known)
      return fail(
        `${t.v}: properties start with ${Object.keys(dialect.prefixes)
          .map((k) => `${k}.`)
          .join(" or ")}`,
        t.at,
      );
    if (!known.includes(property) && !/^(extensionAttribute([1-9]|1[0-5])|extension_[A-Za-z0-9_]+)$/.test(property)) {
      const s = suggest(property, known);
      fail(`unknown property ${t.v}${s ? ` (did you mean ${prefix}.${s}?)` : ""}`, t.at);
    }
    prefixes.add(prefix);
    return { prefix, property };
  };

  const parseComparison = (): void => {
    const t = next();
    if (t.k === "id" && t.v === "_") {
      const op = next();
      if (!operatorOf(op)) fail("expected an operator after _", op.at);
      parseValue();
      return;
    }
    const { prefix, property } = parseProperty(t);
    const opTok = next();
    const operator = operatorOf(opTok);
    if (!operator)
      fail(
        opTok.k === "op" || opTok.k === "id"
          ? `unknown operator -${opTok.v}; allowed: ${dialect.operators.map((o) => `-${o}`).join(" ")}`
          : `expected an operator after ${t.k === "id" ? t.v : "the property"}`,
        opTok.at,
      );
    if (operator === "any" || operator === "all") {
      conjunctive = false;
      const open = next();
      if (open.k !== "(") fail(`-${operator} takes a condition in parentheses`, open.at);
      parseOr();
      const close = next();
      if (close.k !== ")") fail("expected )", close.at);
      comparisons.push({ prefix, property, operator: operator as string, values: [] });
      return;
    }
    comparisons.push({ prefix, property, operator: operator as string, values: parseValue() });
  };

  const parsePrimary = (): void => {
    if (isWord(peek(), "not")) {
      conjunctive = false;
      next();
      parsePrimary();
      return;
    }
    if (peek().k === "(") {
      const open = next();
      parseOr();
      const close = next();
      if (close.k !== ")") fail("unbalanced parenthesis: expected )", close.k === "end" ? open.at : close.at);
      return;
    }
    parseComparison();
  };
  const parseAnd = (): void => {
    parsePrimary();
    while (isWord(peek(), "and")) {
      next();
      parsePrimary();
    }
  };
  function parseOr(): void {
    parseAnd();
    while (isWord(peek(), "or")) {
      conjunctive = false;
      next();
      parseAnd();
    }
  }

  try {
    if (peek().k === "end") fail(`empty ${dialect.name}`, 0);
    parseOr();
    const rest = peek();
    if (rest.k !== "end") {
      const word = rest.k === "op" || rest.k === "id" ? rest.v : rest.k;
      fail(
        rest.k === ")"
          ? "unbalanced parenthesis: unexpected )"
          : LOGICAL.has(String(word).toLowerCase())
            ? `misplaced ${String(word)}`
            : `unexpected ${JSON.stringify(word)}: expected -and, -or or the end of the rule`,
        rest.at,
      );
    }
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
  }
  return { findings, prefixes, comparisons, conjunctive };
}

class RuleError extends Error {}
