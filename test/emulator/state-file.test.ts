// Issue 10 item 6: `--state FILE` survives kill -9 mid-save (atomic replace), and a corrupt file is a clear error
// naming it, with the previous good copy kept in FILE.bak. Issue 12 item 5: a write appends to a journal instead of
// rewriting the tenant.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { journalOf } from "../../src/emulator/state-journal.ts";
import type { TenantData } from "../../src/emulator/store.ts";
import { backupOf, entities, loadTenant, saveTenant, StateFileError } from "../../src/emulator/store.ts";
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
  const ready = new Promise<void>((res, rej) => {
    child.stdout.once("data", () => res());
    child.once("exit", (code) => rej(new Error(`saver exited ${String(code)}`)));
  });
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  return {
    ready,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
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
    for (const damage of [
      () => truncateSync(file, 0),
      () => truncateSync(file, 100),
      () => writeFileSync(file, "[1, 2]"),
      () => writeFileSync(file, '{"tenantId": "t"}'),
    ]) {
      damage();
      const before = readFileSync(file, "utf8");
      const error = (() => {
        try {
          loadTenant(file);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
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

/** A running emulator keeping `n` device categories in `file`. */
async function keeping(file: string, n: number, journalMinBytes?: number): Promise<RunningEmulator> {
  const data = seedTenant("empty");
  for (let i = 0; i < n; i++)
    entities(data, "/deviceManagement/deviceCategories")[`c-${i}`] = {
      body: { id: `c-${i}`, displayName: `Category ${i}`, description: "x".repeat(100) },
      assignments: [],
      apps: [],
    };
  return startEmulator({ data, stateFile: file, ...(journalMinBytes === undefined ? {} : { journalMinBytes }) });
}

const post = (emu: RunningEmulator, displayName: string): Promise<Response> =>
  fetch(`${emu.url}/beta/deviceManagement/deviceCategories`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: JSON.stringify({ displayName }),
  });

/** Bytes the files of `file` took on: the whole snapshot when it was replaced, plus what the journal grew by. */
function bytesWritten(file: string, work: () => Promise<unknown>): Promise<number> {
  const size = (f: string): number => (existsSync(f) ? statSync(f).size : 0);
  const before = { ino: statSync(file).ino, mtime: statSync(file).mtimeMs, journal: size(journalOf(file)) };
  return work().then(() => {
    const now = statSync(file);
    return (now.ino !== before.ino || now.mtimeMs !== before.mtime ? now.size : 0) + size(journalOf(file)) - before.journal;
  });
}

describe("the emulator's state journal (issue 12 item 5)", () => {
  for (const n of [200, 2000]) {
    it(`a write adds O(its own size) bytes to the state files, not the tenant (${n} objects)`, async () => {
      const file = join(folder(), "tenant.json");
      const emu = await keeping(file, n);
      try {
        expect((await post(emu, "First write")).status).toBe(201);
        expect(statSync(file).size).toBeGreaterThan(n * 100);
        const bytes = await bytesWritten(file, async () => expect((await post(emu, "One more")).status).toBe(201));
        expect(bytes).toBeGreaterThan(0);
        expect(bytes).toBeLessThan(1000);
      } finally {
        await emu.close();
      }
    });
  }

  it("an acknowledged write is on disk before the reply: loadTenant sees it with no shutdown, and close folds it into the snapshot", async () => {
    const file = join(folder(), "tenant.json");
    const emu = await keeping(file, 5);
    await post(emu, "Acknowledged");
    const names = (d: TenantData): unknown[] =>
      Object.values(d.collections["/deviceManagement/deviceCategories"] ?? {}).map((e) => e.body["displayName"]);
    expect(names(loadTenant(file))).toContain("Acknowledged");
    await emu.close();
    expect(existsSync(journalOf(file))).toBe(false);
    expect(names(JSON.parse(readFileSync(file, "utf8")) as TenantData)).toContain("Acknowledged");
  });

  it("a torn last journal line is ignored (and dropped at the next start); a damaged earlier line is an error naming the journal", async () => {
    const file = join(folder(), "tenant.json");
    const emu = await keeping(file, 5);
    await post(emu, "First");
    await post(emu, "Second");
    const journal = readFileSync(journalOf(file), "utf8");
    const [first = "", second = ""] = journal.split("\n");
    writeFileSync(journalOf(file), `${first}\n${second.slice(0, 40)}`);
    const names = (d: TenantData): unknown[] =>
      Object.values(d.collections["/deviceManagement/deviceCategories"] ?? {}).map((e) => e.body["displayName"]);
    expect(names(loadTenant(file))).toContain("First");
    expect(names(loadTenant(file))).not.toContain("Second");
    writeFileSync(journalOf(file), `${first.slice(0, 40)}\n${second}\n`);
    expect(() => loadTenant(file)).toThrow(StateFileError);
    expect(() => loadTenant(file)).toThrow(`emulator state journal ${journalOf(file)} is corrupt: line 1`);
    writeFileSync(journalOf(file), `${first}\n${second.slice(0, 40)}`);
    await emu.close();
    const again = await startEmulator({ data: loadTenant(file), stateFile: file });
    expect(existsSync(journalOf(file))).toBe(false);
    await post(again, "Third");
    await again.close();
    expect(names(loadTenant(file))).toEqual(expect.arrayContaining(["First", "Third"]));
  });

  it("the journal is folded into a new snapshot once it outgrows it; the previous snapshot stays in FILE.bak", async () => {
    const file = join(folder(), "tenant.json");
    const emu = await keeping(file, 3, 1);
    try {
      const snapshot = statSync(file).size;
      // Enough writes for the journal to outgrow a snapshot that holds the seeded apps too (emulator/seeds.ts).
      for (let i = 0; i < 40; i++) expect((await post(emu, `Category extra ${i}`)).status).toBe(201);
      expect(existsSync(journalOf(file)) ? statSync(journalOf(file)).size : 0).toBeLessThan(statSync(file).size);
      expect(statSync(file).size).toBeGreaterThan(snapshot);
      expect(existsSync(backupOf(file))).toBe(true);
      expect(Object.keys(loadTenant(file).collections["/deviceManagement/deviceCategories"] ?? {})).toHaveLength(43);
    } finally {
      await emu.close();
    }
  });
});
