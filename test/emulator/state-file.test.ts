// Issue 10 item 6: `--state FILE` survives kill -9 mid-save (atomic replace), and a corrupt file is a clear error
// naming it, with the previous good copy kept in FILE.bak.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import { backupOf, loadTenant, saveTenant, StateFileError } from "../../src/emulator/store.ts";
import { capture } from "../helpers/cli.ts";

const STORE = pathToFileURL(resolve(import.meta.dirname, "..", "..", "src", "emulator", "store.ts")).href;
const folder = (): string => mkdtempSync(join(tmpdir(), "emulator-state-"));

/** A child that saves a large tenant in a loop (a busy emulator), printing once the first save is done. */
function saver(file: string): { ready: Promise<void>; kill: () => Promise<void> } {
  const script = `
    const { saveTenant } = await import(${JSON.stringify(STORE)});
    const collections = { "/deviceManagement/deviceCategories": {} };
    for (let i = 0; i < 20000; i++) collections["/deviceManagement/deviceCategories"]["id-" + i] = { body: { id: "id-" + i, displayName: "category " + i + " ".repeat(100) }, assignments: [], apps: [] };
    const data = { tenantId: "t", collections, nextInteger: 1, idCounter: 0, members: {} };
    saveTenant(data, ${JSON.stringify(file)});
    process.stdout.write("ready\\n");
    for (;;) { data.idCounter++; saveTenant(data, ${JSON.stringify(file)}); }
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise<void>((res, rej) => { child.stdout.once("data", () => res()); child.once("exit", (code) => rej(new Error(`saver exited ${String(code)}`))); });
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  return { ready, kill: async () => { child.kill("SIGKILL"); await exited; } };
}

describe("the emulator's state file", () => {
  it("kill -9 in the middle of a save loop always leaves a state file that loads (19 rounds)", async () => {
    const dir = folder();
    for (let round = 0; round < 19; round++) {
      const file = join(dir, `tenant-${round}.json`);
      const child = saver(file);
      await child.ready;
      await new Promise((r) => setTimeout(r, 20 + ((round * 37) % 200)));
      await child.kill();
      expect(statSync(file).size, `round ${round}`).toBeGreaterThan(1000);
      const data = loadTenant(file);
      expect(Object.keys(data.collections["/deviceManagement/deviceCategories"] ?? {})).toHaveLength(20000);
    }
  }, 120_000);

  it("each save keeps the previous good state in FILE.bak", () => {
    const file = join(folder(), "tenant.json");
    const data = seedTenant("empty");
    saveTenant(data, file);
    data.idCounter = 41;
    saveTenant(data, file);
    expect(loadTenant(backupOf(file)).idCounter).toBe(0);
    expect(loadTenant(file).idCounter).toBe(41);
  });

  it("a truncated, empty or foreign file is a StateFileError naming the file and its FILE.bak; neither is changed", () => {
    const file = join(folder(), "tenant.json");
    const data = seedTenant("legacy-contoso");
    saveTenant(data, file);
    saveTenant(data, file);
    const good = readFileSync(backupOf(file), "utf8");
    for (const damage of [() => truncateSync(file, 0), () => truncateSync(file, 100), () => writeFileSync(file, "[1, 2]"), () => writeFileSync(file, '{"tenantId": "t"}')]) {
      damage();
      const before = readFileSync(file, "utf8");
      const error = (() => { try { loadTenant(file); return undefined; } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as Error).message).toContain(`emulator state ${file} is corrupt`);
      expect((error as Error).message).toContain(backupOf(file));
      expect(readFileSync(file, "utf8")).toBe(before);
      expect(readFileSync(backupOf(file), "utf8")).toBe(good);
    }
    expect(loadTenant(backupOf(file)).tenantId).toBe(data.tenantId);
  });

  it("intune-plan emulator --state with a corrupt file exits 1 with one line naming it, no stack, and does not start", async () => {
    const file = join(folder(), "tenant.json");
    writeFileSync(file, "");
    const io = capture();
    const code = await run(["emulator", "--state", file], io);
    expect(code).toBe(1);
    expect(io.err()).toContain(file);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe("");
    expect(readFileSync(file, "utf8")).toBe("");
  });
});
