// Script text ↔ Graph's scriptContent (base64 of the UTF-8 bytes: IntuneCD encode_base64/decode_base64, TF
// windows_platform_script construct). Remediations must be UTF-8 without BOM when signature checks are enforced
// (memdocs analytics/remediations.md "Script requirements"): the text is sent byte for byte as read.
import { createHash } from "node:crypto";
import type { Json, JsonObject } from "./json.ts";

export const encodeScript = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/** The text of a base64 scriptContent, or undefined when Graph gave none (a list entry, null). */
export const decodeScript = (content: Json | undefined): string | undefined =>
  typeof content === "string" ? Buffer.from(content, "base64").toString("utf8") : undefined;

/** The sha256 of a script's text, as the diff shows it: `sha256:<hex>`. */
export const scriptHash = (text: string): string => `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;

/** The last segment of a plan path (scripts/set-timezone.ps1 → set-timezone.ps1). */
export const fileNameOf = (path: string): string => path.slice(path.replace(/\\/g, "/").lastIndexOf("/") + 1);

/** Graph properties that hold script text (base64), by kind: compared and shown by hash, never printed. */
export const SCRIPT_PROPERTIES: readonly string[] = ["scriptContent", "detectionScriptContent", "remediationScriptContent"];

/**
 * The script texts the bodies hold, by their hash (`sha256:<hex>` → text): what a renderer that may show a script
 * (the Markdown review comment's unified diff) looks a changed hash up in. Change sets and JSON reports carry only
 * the hashes, so they never grow with script text.
 */
export type ScriptTexts = ReadonlyMap<string, string>;

export function scriptTextsOf(bodies: Iterable<JsonObject>): ScriptTexts {
  const out = new Map<string, string>();
  for (const body of bodies)
    for (const k of SCRIPT_PROPERTIES) {
      const text = decodeScript(body[k]);
      if (text !== undefined) out.set(scriptHash(text), text);
    }
  return out;
}

const HASH = /^sha256:([0-9a-f]{64})$/;

/** `sha256:<hex>` shown short to people (`sha256 7e0b4e86619b…`); anything else unchanged. */
export const shortHash = (value: string): string => {
  const m = HASH.exec(value);
  return m?.[1] ? `sha256 ${m[1].slice(0, 12)}…` : value;
};

export const isScriptHash = (value: Json | undefined): value is string => typeof value === "string" && HASH.test(value);

/**
 * `body` with each script property's base64 text replaced by its hash: what state keeps of a script read back from
 * the tenant (the Pulumi provider's `observed`), since the diff compares scripts by hash anyway.
 */
export function hashScriptProperties(body: JsonObject): JsonObject {
  const out: Record<string, Json> = { ...body };
  for (const k of SCRIPT_PROPERTIES) {
    const text = decodeScript(body[k]);
    if (text !== undefined && !isScriptHash(body[k])) out[k] = scriptHash(text);
  }
  return out;
}
