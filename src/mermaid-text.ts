// Text inside a Mermaid chart (the calendar's and the rollout status's Gantt charts, which GitHub draws in a PR comment).
/**
 * A title or section name Mermaid's Gantt grammar reads as plain text: `:` ends a task title, `#` starts a comment
 * and `;` ends task data, so each is written as a Mermaid entity code (`#58;`, `#35;`, `#59;`), which Mermaid
 * decodes after parsing and draws as the character. Line breaks become spaces: a task is one line.
 */
export function mermaidText(value: string): string {
  const codes: Readonly<Record<string, string>> = { ":": "#58;", "#": "#35;", ";": "#59;" };
  return value
    .replace(/[:#;]/g, (c) => codes[c] ?? c)
    .replace(/\s+/g, " ")
    .trim();
}
