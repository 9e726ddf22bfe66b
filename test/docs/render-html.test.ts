// `intune-plan docs --format html`, read as text: deterministic bytes, self-contained (no script, nothing fetched
// from elsewhere), every in-page link has its anchor, one timeline bar per phase, secrets by reference name.
import { describe, expect, it } from "vitest";
import { buildDocs } from "../../src/docs/build-docs.ts";
import { renderDocsHtml } from "../../src/docs/render-html.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import { DOCS_FIXTURE, docsFixture } from "./fixture.ts";

const referencePage = (): string => {
  const plan = checkPlan(readPlanInputs(["plan"]).inputs).plan;
  if (!plan) throw new Error("reference plan does not validate");
  return renderDocsHtml(buildDocs(plan));
};
const fixturePage = (): string => {
  const plan = docsFixture().plan;
  if (!plan) throw new Error("docs fixture does not validate");
  return renderDocsHtml(buildDocs(plan));
};

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? "");
const hashLinks = (html: string): string[] => [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => m[1] ?? "");

describe("docs HTML", () => {
  it("the same plan gives the same bytes, parsed and rendered twice", () => {
    const first = referencePage();
    expect(referencePage()).toBe(first);
    expect(fixturePage()).toBe(fixturePage());
  });

  it("a different plan gives a different page (the determinism check can fail)", () => {
    const other = checkPlan([{ path: "docs.yaml", bytes: Buffer.from(DOCS_FIXTURE.replace("users: 40 }", "users: 41 }")) }]).plan;
    if (!other) throw new Error("edited fixture does not validate");
    expect(renderDocsHtml(buildDocs(other))).not.toBe(fixturePage());
  });

  for (const [name, page] of [
    ["the reference plan", referencePage],
    ["the docs fixture", fixturePage],
  ] as const) {
    it(`${name}: ids are unique and every in-page link has its anchor`, () => {
      const html = page();
      const all = ids(html);
      expect(new Set(all).size).toBe(all.length);
      const known = new Set(all);
      expect(hashLinks(html).filter((h) => !known.has(h))).toEqual([]);
      expect(hashLinks(html).length).toBeGreaterThan(20);
    });

    it(`${name}: self-contained: no script, no URL off the page`, () => {
      const html = page();
      expect(html).not.toMatch(/<script/i);
      expect([...html.matchAll(/\s(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1])).toEqual(["data:,"]);
      expect(html).not.toMatch(/url\((?!#)/);
      expect(html).not.toMatch(/@import/);
    });
  }

  it("one timeline bar per phase, linked to the phase's section; the undated phase hatched", () => {
    const html = fixturePage();
    const bars = [...html.matchAll(/<g class="phase-bar" data-phase="([^"]+)"><a href="#([^"]+)">/g)].map((m) => [m[1], m[2]]);
    expect(bars).toEqual([
      ["pilot", "phase-pilot"],
      ["wave-1", "phase-wave-1"],
      ["wave-2", "phase-wave-2"],
    ]);
    expect(html.match(/fill="url\(#undated\)"/g)?.length).toBe(1);
    expect(html.match(/<table class="phase-reach">/g)?.length).toBe(3);
  });

  it("the Wi-Fi key shows as its reference name only", () => {
    const html = fixturePage();
    expect(html).toContain("secret reference <code>KIOSK_WIFI_PSK</code>");
  });

  it("display names are escaped", () => {
    const plan = checkPlan([
      {
        path: "docs.yaml",
        bytes: Buffer.from(DOCS_FIXTURE.replace("displayName: Kiosk Wi-Fi", 'displayName: "Kiosk <b>Wi-Fi</b> & \\"more\\""')),
      },
    ]).plan;
    if (!plan) throw new Error("edited fixture does not validate");
    const html = renderDocsHtml(buildDocs(plan));
    expect(html).toContain("Kiosk &lt;b&gt;Wi-Fi&lt;/b&gt; &amp; &quot;more&quot;");
    expect(html).not.toContain("<b>Wi-Fi</b>");
  });
});
