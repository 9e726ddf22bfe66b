// `intune-plan docs --format html` in a real browser: Debian's Chromium driven by playwright-core opens the page
// of the reference plan from a server on 127.0.0.1 and checks that it renders (the timeline SVG visible with one bar
// per phase, the phase reach tables there), that every in-page link lands on an element, and that nothing failed:
// no console error, no page error, no failed or off-page request. It writes a screenshot (INTUNE_PLAN_DOCS_SCREENSHOT,
// default the system temp folder; docs/plan-docs.png is made this way).
// Without /usr/bin/chromium the suite fails in CI (CI=true) and is skipped with its reason elsewhere.
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:http";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../src/docs/build-docs.ts";
import { renderDocsHtml } from "../../src/docs/render-html.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";

const CHROMIUM = process.env["INTUNE_PLAN_CHROMIUM"] ?? "/usr/bin/chromium";
const IN_CI = process.env["CI"] === "true" || process.env["CI"] === "1";
const MISSING = !existsSync(CHROMIUM);
const WHY = `${CHROMIUM} is missing: the docs browser test needs Debian's Chromium (apt-get install -y chromium; .ci/run installs it)`;
if (MISSING && !IN_CI) console.warn(`skipping the docs browser test: ${WHY}`);

/** The flags this machine needs: no sandbox as root, and nothing that reaches for the network on its own. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe.skipIf(MISSING && !IN_CI)("docs HTML in Chromium", () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let origin = "";
  const plan = checkPlan(readPlanInputs(["plan"]).inputs).plan;
  if (!plan) throw new Error("reference plan does not validate");
  const html = renderDocsHtml(buildDocs(plan));

  beforeAll(async () => {
    if (MISSING) throw new Error(WHY);
    server = createServer((req, res) => {
      if (req.url === "/index.html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(html);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    const open = server;
    if (open) await new Promise((done) => open.close(done));
  });

  it("renders the timeline and the phase tables; links land; no error, no failed or off-page request", async () => {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1200, height: 1300 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on("request", (r) => {
      if (!r.url().startsWith(`${origin}/`) && !r.url().startsWith("data:")) problems.push(`off-page request: ${r.url()}`);
    });

    const response = await page.goto(`${origin}/index.html`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);

    const timeline = page.locator("svg#timeline");
    await expect.poll(() => timeline.isVisible()).toBe(true);
    const bars = page.locator("svg#timeline g.phase-bar rect");
    expect(await bars.count()).toBe(plan.phases.length);
    for (let i = 0; i < plan.phases.length; i++) {
      const box = await bars.nth(i).boundingBox();
      expect(box?.width ?? 0, `bar ${i}`).toBeGreaterThan(2);
      expect(box?.height ?? 0, `bar ${i}`).toBeGreaterThan(5);
    }
    expect(await page.locator("svg#timeline #cumulative-users polyline").isVisible()).toBe(true);
    expect(await page.locator("table.phase-reach").count()).toBe(plan.phases.length);
    for (const p of plan.phases) expect(await page.locator(`section#phase-${p.key} table.phase-reach tbody tr`).count()).toBeGreaterThan(0);

    // Every in-page link names an element the browser finds (hrefs resolved as the browser reads them).
    const dangling = await page.evaluate<string[]>(
      `[...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute("href")).filter((h) => !document.getElementById(decodeURIComponent(h.slice(1))))`,
    );
    expect(dangling).toEqual([]);
    const linkCount = await page.evaluate<number>(`document.querySelectorAll('a[href^="#"]').length`);
    expect(linkCount).toBeGreaterThan(100);

    // Following a timeline bar scrolls to its phase.
    const last = plan.phases.at(-1)?.key ?? "";
    await page.locator(`svg#timeline g.phase-bar[data-phase="${last}"] rect`).click({ timeout: 10_000 });
    await expect.poll(() => page.evaluate<string>("location.hash")).toBe(`#phase-${last}`);
    expect(await page.locator(`section#phase-${last}`).isVisible()).toBe(true);
    await page.evaluate("window.scrollTo(0, 0)");

    const shot = process.env["INTUNE_PLAN_DOCS_SCREENSHOT"] ?? join(tmpdir(), "intune-plan-docs.png");
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    expect(problems).toEqual([]);
    await page.close();
  });
});
