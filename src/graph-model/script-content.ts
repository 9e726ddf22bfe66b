// Script text ↔ Graph's scriptContent (base64 of the UTF-8 bytes: IntuneCD encode_base64/decode_base64, TF
// windows_platform_script construct). Remediations must be UTF-8 without BOM when signature checks are enforced
// (memdocs analytics/remediations.md "Script requirements"): the text is sent byte for byte as read.
import { createHash } from "node:crypto";
import type { Json } from "./json.ts";

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
