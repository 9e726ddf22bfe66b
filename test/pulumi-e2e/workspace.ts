// A throwaway Pulumi project for the real-engine suite: a copy of this repository's project files (Pulumi.yaml,
// package.json, providers/, src/, bin/) with a plan of the test's choosing, node_modules linked, a file backend, a
// passphrase, an isolated PULUMI_HOME, Node 24 first on PATH, and the local Graph emulator as a child process
// (`intune-plan emulator`, state in a file, restarted on the same port when a test changes its faults).
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const REPO = resolve(import.meta.dirname, "..", "..");
const PROJECT_FILES = ["Pulumi.yaml", "package.json", "tsconfig.json", "providers", "src", "bin"];

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr, for assertions on what a user sees. */
  readonly output: string;
}

export interface JsonObject {
  readonly [key: string]: unknown;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

function collect(child: ChildProcess, timeoutMs: number, what: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      fail(new Error(`${what} did not finish in ${timeoutMs / 1000} s\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, output: stdout + stderr });
    });
  });
}

export class Workspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** The emulator's log (its stdout and stderr) across restarts, for the secret checks. */
  emulatorLog = "";
  /** Everything every pulumi command printed, for the secret checks. */
  transcript = "";
  private emulator: ChildProcess | undefined;
  private port = 0;

  private constructor(dir: string, env: NodeJS.ProcessEnv) {
    this.dir = dir;
    this.env = env;
  }

  /** A project whose plan/ is a copy of `planDir`, with stack `stack` selected and its settings set. */
  static async create(
    planDir: string,
    stack: string,
    config: Readonly<Record<string, string>>,
    secrets: Readonly<Record<string, string>> = {},
  ): Promise<Workspace> {
    const cliDir = process.env["INTUNE_PLAN_PULUMI_CLI_DIR"];
    if (!cliDir) throw new Error("INTUNE_PLAN_PULUMI_CLI_DIR is not set: run the suite through test/pulumi-e2e/run.ts");
    const dir = mkdtempSync(join(tmpdir(), "intune-plan-e2e-"));
    for (const f of PROJECT_FILES) cpSync(join(REPO, f), join(dir, f), { recursive: true });
    cpSync(planDir, join(dir, "plan"), { recursive: true });
    symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
    mkdirSync(join(dir, ".state"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${cliDir}:${join(REPO, "node_modules", ".bin")}:${process.env["PATH"] ?? ""}`,
      PULUMI_HOME: join(dir, ".pulumi-home"),
      PULUMI_BACKEND_URL: `file://${join(dir, ".state")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
      NODE_OPTIONS: "",
    };
    const ws = new Workspace(dir, env);
    ws.port = await freePort();
    await ws.pulumiOk(["stack", "init", stack]);
    await ws.pulumiOk(["config", "set", "intune-plan:graphEndpoint", ws.endpoint]);
    for (const [k, v] of Object.entries(config)) await ws.pulumiOk(["config", "set", `intune-plan:${k}`, v]);
    for (const [k, v] of Object.entries(secrets)) await ws.pulumiOk(["config", "set", "--secret", k, v]);
    return ws;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, keeping the tenant) the emulator; `faults` as `intune-plan emulator --faults`. */
  async startEmulator(options: { seed?: string; faults?: string } = {}): Promise<void> {
    await this.stopEmulator();
    const args = [
      join(this.dir, "bin", "intune-plan.js"),
      "emulator",
      "--port",
      String(this.port),
      "--state",
      join(this.dir, "tenant.json"),
      "--seed",
      options.seed ?? "empty",
    ];
    if (options.faults) args.push("--faults", options.faults);
    const child = spawn(join(REPO, "node_modules", ".bin", "node"), args, {
      cwd: this.dir,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.emulator = child;
    child.stderr.on("data", (d: Buffer) => (this.emulatorLog += d.toString()));
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the emulator did not start:\n${this.emulatorLog}`)), 20_000);
      child.stdout.on("data", (d: Buffer) => {
        this.emulatorLog += d.toString();
        if (this.emulatorLog.includes("listening on")) {
          clearTimeout(timer);
          done();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`the emulator exited (${code}):\n${this.emulatorLog}`));
      });
    });
  }

  /** Restarts the emulator, with the same tenant, on another port (a tenant whose endpoint changed). */
  async moveEmulator(options: { seed?: string; faults?: string } = {}): Promise<void> {
    await this.stopEmulator();
    this.port = await freePort();
    await this.startEmulator(options);
  }

  async stopEmulator(): Promise<void> {
    const child = this.emulator;
    if (!child || child.exitCode !== null) return;
    this.emulator = undefined;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    if (child.exitCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
  }

  /** Runs the real `pulumi` CLI in the project (non-interactive, no colour); `env` adds to the workspace's. */
  pulumi(args: readonly string[], timeoutMs = 300_000, env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const child = this.spawnPulumi(args, env);
    return collect(child, timeoutMs, `pulumi ${args.join(" ")}`).then((run) => {
      const vars = Object.entries(env).map(([k, v]) => `${k}=${v ?? ""} `);
      this.transcript += `$ ${vars.join("")}pulumi ${args.includes("--secret") ? "config set --secret (value not shown)" : args.join(" ")}\n${run.output}\n`;
      return run;
    });
  }

  /** Starts `pulumi` in its own process group (so a test can kill -9 the CLI and everything it started). */
  spawnPulumi(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    return spawn("pulumi", [...args, "--non-interactive", "--color", "never"], {
      cwd: this.dir,
      env: { ...this.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
  }

  /** Runs this project's own CLI (`intune-plan …`) in the workspace, with the same environment as pulumi. */
  intunePlan(args: readonly string[], timeoutMs = 120_000): Promise<Run> {
    const child = spawn(join(REPO, "node_modules", ".bin", "node"), [join(this.dir, "bin", "intune-plan.js"), ...args], {
      cwd: this.dir,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    return collect(child, timeoutMs, `intune-plan ${args.join(" ")}`).then((run) => {
      this.transcript += `$ intune-plan ${args.join(" ")}\n${run.output}\n`;
      return run;
    });
  }

  async pulumiOk(args: readonly string[], timeoutMs?: number, env?: NodeJS.ProcessEnv): Promise<Run> {
    const run = await this.pulumi(args, timeoutMs, env);
    if (run.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${run.code}:\n${run.output.slice(-6000)}`);
    return run;
  }

  /** `pulumi preview --json`: the engine's steps and change summary. */
  async preview(extra: readonly string[] = []): Promise<Preview> {
    const run = await this.pulumi(["preview", "--json", ...extra]);
    let parsed: Preview;
    try {
      parsed = JSON.parse(run.stdout) as Preview;
    } catch {
      throw new Error(`pulumi preview printed no JSON (exit ${run.code}):\n${run.output.slice(-6000)}`);
    }
    if (run.code !== 0) throw new Error(`pulumi preview exited ${run.code}:\n${run.output.slice(-6000)}`);
    return parsed;
  }

  /** The last update's resource counts, from the engine's own history. */
  async lastUpdate(stack?: string): Promise<{ kind: string; result: string; resourceChanges: Readonly<Record<string, number>> }> {
    const run = await this.pulumiOk(["stack", "history", "--json", "--show-secrets=false", ...(stack ? ["--stack", stack] : [])]);
    const history = JSON.parse(run.stdout) as { kind: string; result: string; resourceChanges?: Record<string, number> }[];
    const [last] = history;
    if (!last) throw new Error("no stack history");
    return { kind: last.kind, result: last.result, resourceChanges: last.resourceChanges ?? {} };
  }

  async exportStack(stack?: string): Promise<{ text: string; resources: StateResource[]; pending: unknown[] }> {
    const run = await this.pulumiOk(["stack", "export", ...(stack ? ["--stack", stack] : [])]);
    const parsed = JSON.parse(run.stdout) as { deployment: { resources?: StateResource[]; pending_operations?: unknown[] } };
    return { text: run.stdout, resources: parsed.deployment.resources ?? [], pending: parsed.deployment.pending_operations ?? [] };
  }

  /** Every item of a Graph collection in the emulator (all pages). */
  async list(apiVersion: string, collection: string): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    let url: string | undefined = `${this.endpoint}/${apiVersion}${collection}`;
    while (url) {
      const reply = await this.graph("GET", url);
      out.push(...((reply["value"] as JsonObject[] | undefined) ?? []));
      url = reply["@odata.nextLink"] as string | undefined;
    }
    return out;
  }

  /** A request to the emulator as a portal user would make it (Graph's wire format). */
  async graph(method: string, url: string, body?: unknown): Promise<JsonObject> {
    // The test reads through the same faults as the provider: throttling and 503s are waited out (reads only).
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(url.startsWith("http") ? url : `${this.endpoint}${url}`, {
        method,
        headers: { "content-type": "application/json", authorization: "Bearer e2e-portal" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if ((res.status === 429 || res.status === 503) && method === "GET" && attempt < 50) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
      return text ? (JSON.parse(text) as JsonObject) : {};
    }
  }

  planFile(name: string): string {
    return join(this.dir, "plan", name);
  }

  /** Rewrites a plan file with `edit` (the test's edit must change it). */
  editPlan(name: string, edit: (text: string) => string): void {
    const before = readFileSync(this.planFile(name), "utf8");
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${name} changed nothing`);
    writeFileSync(this.planFile(name), after);
  }

  writePlan(name: string, text: string): void {
    mkdirSync(dirname(this.planFile(name)), { recursive: true });
    writeFileSync(this.planFile(name), text);
  }

  async dispose(): Promise<void> {
    await this.stopEmulator();
    if (!process.env["INTUNE_PLAN_E2E_KEEP"]) rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly diffReasons?: readonly string[];
  readonly replaceReasons?: readonly string[];
}

export interface Preview {
  readonly steps: readonly PreviewStep[];
  readonly changeSummary: Readonly<Record<string, number>>;
}

export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: JsonObject;
  readonly outputs?: JsonObject;
  readonly initErrors?: readonly string[];
}

/** The resource name at the end of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** The resource type in a URN (the part before the name; a parent's type is before a `$`). */
export const typeOf = (urn: string): string => {
  const parts = urn.split("::");
  return (parts[parts.length - 2] ?? "").split("$").at(-1) ?? "";
};
