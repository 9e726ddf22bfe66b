// The %YAML directive as YAML 1.2 (§6.8.1) rules it: a higher major version is rejected with an error, another
// minor version is read as 1.2 with a warning, and a document carries at most one %YAML directive. Pure: the
// `yaml` library's parsed document and the text in, findings with offsets out (parse.ts places them).
import type { Document } from "yaml";

/** One directive finding; `start`/`end` are offsets into the file's text. */
export interface DirectiveFinding {
  readonly code: "IP006" | "IP007";
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** True when the text may hold a directive (a line starting with `%`): such files are read by the `yaml` library. */
export const mayHoldDirective = (text: string): boolean => /^%/m.test(text);

/**
 * The library reports an unsupported `%YAML M.N` as a BAD_DIRECTIVE warning whose range is the version token, and
 * reads the file as 1.2 whatever the major version; the spec's error for another major version is ours to raise.
 * Versions it reads (1.1, 1.2) raise nothing.
 */
export function directiveFindings(text: string, document: Document.Parsed): DirectiveFinding[] {
  const found: DirectiveFinding[] = [];
  for (const w of document.warnings) {
    if (w.code !== "BAD_DIRECTIVE") continue;
    const [start, end] = w.pos;
    const version = text.slice(start, end);
    const m = /^(\d+)\.\d+$/.exec(version);
    if (!m) continue;
    found.push(
      m[1] === "1"
        ? { code: "IP007", message: `%YAML ${version}: this file declares YAML ${version}; intune-plan reads it as YAML 1.2`, start, end }
        : { code: "IP006", message: `%YAML ${version}: this file declares YAML ${m[1] ?? ""}, and intune-plan reads YAML 1.2`, start, end },
    );
  }
  return [...found, ...repeatedYamlDirectives(text)];
}

/** Every %YAML directive after the first in the file's directive prologue (the lines before its first `---`). */
function repeatedYamlDirectives(text: string): DirectiveFinding[] {
  const found: DirectiveFinding[] = [];
  let seen = false;
  let offset = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("---") || !/^(%|#|\s*$)/.test(line)) break;
    if (/^%YAML[ \t]/.test(line)) {
      if (seen)
        found.push({
          code: "IP006",
          message: "a second %YAML directive for the same document",
          start: offset,
          end: offset + line.trimEnd().length,
        });
      seen = true;
    }
    offset += line.length + 1;
  }
  return found;
}
