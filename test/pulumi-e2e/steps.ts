// Steps the real-engine suites share, and the figures they report for the closing table.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import type { DesiredState } from "../../src/index.ts";
import { copiesPerKey } from "./census.ts";
import type { Preview, Workspace } from "./workspace.ts";
import { nameOf, typeOf } from "./workspace.ts";

/** The steps of a preview that change something, by operation, resource name and type. */
export const changed = (p: Preview): { op: string; name: string; type: string }[] =>
  p.steps.filter((s) => s.op !== "same").map((s) => ({ op: s.op, name: nameOf(s.urn), type: typeOf(s.urn) }));

export const ASSIGNMENTS = "pulumi-nodejs:dynamic/intune:Assignments";

/** Prints the engine's resource counts for a step (and appends them to INTUNE_PLAN_E2E_FIGURES when set). */
export function report(step: string, counts: Readonly<Record<string, number>>): void {
  const line = `${step}: ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}`;
  console.log(`# ${line}`);
  const file = process.env["INTUNE_PLAN_E2E_FIGURES"];
  if (file) appendFileSync(file, `${line}\n`);
}

/** The resource types of the kinds Graph keeps no createdDateTime for (emulator/tenant.ts timestamps()). */
export const UNTIMED: ReadonlySet<string> = new Set([
  "ScopeTag",
  "DeviceCategory",
  "RoleDefinition",
  "RoleAssignment",
  "NotificationTemplate",
]);

/**
 * Starts `pulumi up`, waits until the engine reports about a third of the plan's objects created, then kills the CLI
 * and everything it started (its process group) with SIGKILL, as a cancelled pipeline or a lost machine would. The
 * engine's own lines are the trigger, read as they come: counting the tenant's objects takes seconds against a slow
 * emulator, long enough for an up that saves no checkpoints to finish first.
 */
export async function killMidUp(ws: Workspace, state: DesiredState, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const child = ws.spawnPulumi(["up", "--yes", "--skip-preview"], env);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise((done) => child.once("exit", done));
  const target = Math.ceil(state.objects.length / 3);
  const deadline = Date.now() + 240_000;
  const lines = (phase: "creating" | "created"): [type: string, name: string][] =>
    [...output.matchAll(new RegExp(`^ *\\+ +pulumi-nodejs:dynamic/intune:(\\S+) (\\S+) ${phase}\\b`, "gm"))].map((m) => [
      m[1] ?? "",
      m[2] ?? "",
    ]);
  /** Objects created so far, and whether a create of a kind Graph keeps no creation time for is under way. */
  const progress = (): { made: number; untimed: boolean } => {
    const created = lines("created");
    const done = new Set(created.map(([, name]) => name));
    return {
      made: created.filter(([type]) => type !== "Assignments").length,
      untimed: lines("creating").some(([type, name]) => UNTIMED.has(type) && !done.has(name)),
    };
  };
  // Not while a scope tag, category, role or template is being made: recover refuses such a pending create (Graph
  // keeps no creation time for it; test/recover/decide.test.ts), and this kill is for the creates it can settle.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pulumi up ended before it could be killed:\n${output.slice(-3000)}`);
    const p = progress();
    if (p.made >= target && !p.untimed) break;
    if (Date.now() > deadline) throw new Error("pulumi up made too little progress to be killed half way");
    await new Promise((r) => setTimeout(r, 50));
  }
  // The engine starts its plugins (language host, provider host) in process groups of their own: kill the whole
  // tree at once, as a lost machine or a cancelled CI job does, or an orphaned provider host keeps writing.
  if (child.pid)
    for (const pid of [child.pid, ...descendants(child.pid)]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  await exited;
  // Pulumi's file backend rewrites `<stack>.json.attrs` in place: a kill can leave it empty, and the CLI then
  // refuses to load the stack ("failed to load checkpoint: EOF"). The README tells an operator to delete it.
  for (const file of listFiles(join(ws.dir, ".state"))) if (file.endsWith(".attrs") && statSync(file).size === 0) rmSync(file);
  ws.transcript += `$ pulumi up (killed with SIGKILL half way)\n${output}\n`;
  const made = [...(await copiesPerKey(ws, state)).values()].filter((n) => n > 0).length;
  if (made < target || made >= state.objects.length)
    throw new Error(`the killed pulumi up left ${made} of the plan's ${state.objects.length} objects, not part of them`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every process below `pid` (children first found, then theirs), read from ps before anything is killed. */
function descendants(pid: number): number[] {
  let listed = "";
  try {
    listed = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    /* ps exits 1 when there are none */
  }
  const children = listed
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/**
 * Sets `adopt: true` on the plan objects at `addresses` (section.key) in the workspace's plan files, as a user does
 * for objects only they can vouch for; returns what puts the files back.
 */
export function adoptInPlan(ws: Workspace, addresses: readonly string[]): () => void {
  const dir = join(ws.dir, "plan");
  const saved = new Map<string, string>();
  const left = new Set(addresses);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(dir, f))) {
    const text = readFileSync(file, "utf8");
    const doc = parseDocument(text);
    for (const address of left) {
      const [section = "", key = ""] = address.split(".");
      if (!doc.hasIn([section, key])) continue;
      doc.setIn([section, key, "adopt"], true);
      left.delete(address);
      saved.set(file, text);
    }
    if (saved.has(file)) writeFileSync(file, doc.toString());
  }
  const restore = (): void => {
    for (const [file, text] of saved) writeFileSync(file, text);
  };
  if (left.size > 0) {
    restore();
    throw new Error(`no plan object at ${[...left].join(", ")}`);
  }
  return restore;
}
