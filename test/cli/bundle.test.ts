// The bundled CLI (scripts/bundle-cli.ts, what bin/intune-plan.js runs after `npm ci`) behaves as the sources do:
// same output, byte for byte, for a plan command and for a preview through the Graph client and the emulator, and
// each command still loads only what it uses. Built fresh here, so a change to the bundling is what is tested.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli, EXTERNAL_PACKAGES } from "../../scripts/bundle-cli.ts";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";

const root = new URL("../..", import.meta.url).pathname;
// Inside the repository, so the external packages resolve from its node_modules as they do from dist/.
const outdir = `${root}node_modules/.cache/intune-plan-bundle-test-${process.pid}`;
const script = new URL("../helpers/loaded-modules.ts", import.meta.url).pathname;
const bundled = pathToFileURL(`${outdir}/main.js`).href;

interface Run {
  readonly code: number;
  readonly loaded: readonly string[];
  readonly stdout: string;
  readonly stderr: string;
}
/** The bundle, run in a process of its own (as the bin runs it) that lists the modules it loads. */
const runBundle = (...argv: string[]): Run =>
  JSON.parse(execFileSync(process.execPath, [script, bundled, ...argv], { encoding: "utf8", cwd: root, maxBuffer: 64 << 20 })) as Run;

/** The sources, run in this process: what the bundle's output must equal. */
async function runSources(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture(root);
  const code = await run(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** The node_modules packages a run loaded, by name. */
const packagesOf = (run: Run): string[] => [
  ...new Set(run.loaded.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []).filter((p) => p !== ".cache")),
];
const external = (name: string): boolean =>
  EXTERNAL_PACKAGES.some((p) => (p.endsWith("/*") ? name.startsWith(p.slice(0, -1)) : name === p));

describe("the bundled CLI", () => {
  beforeAll(() => bundleCli(outdir), 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("compiles plan/ to the same bytes as the sources, loading a few chunks and no tenant-side package", async () => {
    const args = ["compile", "plan/", "--phase", "production-3", "--format", "json"];
    const fromBundle = runBundle(...args);
    expect(fromBundle.code).toBe(0);
    expect(fromBundle.stdout).toBe((await runSources(...args)).stdout);
    expect(JSON.parse(fromBundle.stdout)).toMatchObject({ phase: "production-3" });
    // zod, js-yaml and the plan front end are in the bundle: the modules loaded are its chunks (the sources load ~220).
    expect(packagesOf(fromBundle)).toEqual([]);
    expect(fromBundle.loaded.length).toBeLessThan(40);
  });

  it("validate reports a broken plan with the same diagnostics as the sources", async () => {
    const args = ["validate", "test/fixtures/invalid/app-intents.yaml"];
    const fromBundle = runBundle(...args);
    expect(fromBundle.stdout + fromBundle.stderr).toMatch(/app-intents\.yaml:\d+:\d+: error IP23\d/);
    const fromSources = await runSources(...args);
    expect({ code: fromBundle.code, stdout: fromBundle.stdout, stderr: fromBundle.stderr }).toEqual({ ...fromSources, code: 1 });
    expect(packagesOf(fromBundle).filter(external)).toEqual([]);
  });

  it("previews plan/ against the embedded emulator as the sources do, loading the Graph client from node_modules", async () => {
    const args = ["preview", "plan/", "--tenant", "emulator:legacy-contoso", "--phase", "limited-pilot"];
    const fromBundle = runBundle(...args);
    expect(fromBundle.code).toBe(0);
    expect(fromBundle.stdout).toContain("Not managed by the plan (left alone): 2");
    expect(fromBundle.stdout).toBe((await runSources(...args)).stdout);
    expect(packagesOf(fromBundle)).toContain("@microsoft/microsoft-graph-client");
  });
});
