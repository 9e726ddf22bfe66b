// `intune-plan docs` Markdown: index.md's table of contents and every relative link in every file resolve to a
// written file and a heading in it (as GitHub anchors headings), tables keep their columns, secrets stay names.
import { describe, expect, it } from "vitest";
import { buildDocs } from "../../src/docs/build-docs.ts";
import type { DocFile } from "../../src/docs/render-markdown.ts";
import { renderDocsMarkdown } from "../../src/docs/render-markdown.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import { docsFixture } from "./fixture.ts";

/** GitHub's heading anchor: lower case, punctuation dropped (word characters, spaces and dashes kept), spaces → dashes. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");

/** The anchors of a file: its headings' slugs, with GitHub's -1, -2 suffixes for repeats. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1] ?? "");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every `[text](target)` link, skipping escaped brackets. */
const links = (text: string): string[] => [...text.matchAll(/(?<!\\)\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");

function unresolved(files: readonly DocFile[]): string[] {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const bad: string[] = [];
  for (const f of files) {
    for (const target of links(f.text)) {
      const [file = "", anchor] = target.split("#");
      const text = byPath.get(file === "" ? f.path : file);
      if (text === undefined) bad.push(`${f.path}: ${target} (no such file)`);
      else if (anchor !== undefined && !anchors(text).has(anchor)) bad.push(`${f.path}: ${target} (no such heading)`);
    }
  }
  return bad;
}

const reference = checkPlan(readPlanInputs(["plan"]).inputs).plan;
if (!reference) throw new Error("reference plan does not validate");
const fixture = docsFixture().plan;
if (!fixture) throw new Error("docs fixture does not validate");

describe("docs Markdown", () => {
  for (const [name, plan] of [
    ["the reference plan", reference],
    ["the docs fixture", fixture],
  ] as const) {
    it(`${name}: index.md first, one file per section, every link resolves to a file and a heading`, () => {
      const docs = buildDocs(plan);
      const files = renderDocsMarkdown(docs);
      expect(files.map((f) => f.path)).toEqual(["index.md", "phases.md", ...docs.sections.map((s) => `${s.section}.md`)]);
      expect(unresolved(files)).toEqual([]);
      const index = files[0]?.text ?? "";
      // The table of contents names every section file and every object.
      for (const s of docs.sections) {
        expect(links(index)).toContain(s.file);
        for (const o of s.objects) expect(links(index)).toContain(`${s.file}#${o.key}`);
      }
    });
  }

  it("a broken link would be caught: the checker sees a missing heading and a missing file", () => {
    expect(
      unresolved([
        { path: "index.md", text: "[a](groups.md#nope) [b](missing.md)\n" },
        { path: "groups.md", text: "### yes\n" },
      ]),
    ).toEqual(["index.md: groups.md#nope (no such heading)", "index.md: missing.md (no such file)"]);
  });

  it("every table row has its header's columns, even where a display name holds a pipe", () => {
    for (const f of renderDocsMarkdown(buildDocs(fixture))) {
      let columns: number | undefined;
      for (const line of f.text.split("\n")) {
        if (!line.startsWith("|")) {
          columns = undefined;
          continue;
        }
        const cells = line.replace(/\\\|/g, "").split("|").length;
        columns ??= cells;
        expect(cells, `${f.path}: ${line}`).toBe(columns);
      }
    }
    expect(renderDocsMarkdown(buildDocs(fixture)).find((f) => f.path === "phases.md")?.text).toContain("Wave 2 \\| everyone else");
  });

  it("the Wi-Fi key appears as its reference name, and the phase table shows who the profile reaches", () => {
    const configuration = renderDocsMarkdown(buildDocs(fixture)).find((f) => f.path === "configuration.md")?.text ?? "";
    expect(configuration).toContain(
      "| `preSharedKey` | `«secret KIOSK_WIFI_PSK»` | windowsWifiConfiguration | This is the pre-shared key for WPA Personal Wi-Fi network. |",
    );
    expect(configuration).toContain("| [Pilot](phases.md#pilot) | not assigned yet | — | — | — |");
  });
});
