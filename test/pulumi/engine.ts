// Drives @pulumi/pulumi's own dynamic-provider host over gRPC the way the engine does, plus the engine semantics the
// host lacks (after ../shared/PULUMI-NOTES.md §3): secrets stripped before every call and re-marked on outputs of the
// same name, preview never creating, a missing diff falling back to comparing inputs, deletes last in reverse
// order. Runs in plain Node (never inside vitest's module transform, which breaks closure serialization).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";

const require = createRequire(import.meta.url);
const pulumiDir = require.resolve("@pulumi/pulumi");
// The same @grpc/grpc-js copy the generated stubs load, or credentials are rejected.
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as { credentials: { createInsecure(): unknown } };
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as { ResourceProviderClient: new (address: string, credentials: unknown) => Record<string, unknown> & { close(): void } };
const pb = require("@pulumi/pulumi/proto/provider_pb") as Record<string, new () => Record<string, (...args: unknown[]) => unknown>> & { DiffResponse: { DiffChanges: Record<string, number> } };
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: unknown): unknown } };
const { Empty } = require("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
type Obj = Record<string, unknown>;

export const secret = (value: unknown): Obj => ({ [SIG]: SECRET, value });
export const isSecret = (v: unknown): boolean => !!v && typeof v === "object" && (v as Obj)[SIG] === SECRET;
export const strip = (v: unknown): unknown => (isSecret(v) ? strip((v as Obj)["value"]) : Array.isArray(v) ? v.map(strip) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)])) : v);
const hasSecret = (v: unknown): boolean => isSecret(v) || (!!v && typeof v === "object" && Object.values(v).some(hasSecret));
/** Outputs with every secret shown as "[secret]": what `pulumi stack output` prints without --show-secrets. */
export const masked = (v: unknown): unknown => (isSecret(v) ? "[secret]" : Array.isArray(v) ? v.map(masked) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, masked(x)])) : v);

/** annotateSecrets() of the engine (provider_plugin.go): an output whose key matches a secret input becomes secret. */
function annotate(outs: Obj, ins: Obj): Obj {
  for (const [k, inV] of Object.entries(ins)) {
    if (!(k in outs)) continue;
    const o = outs[k];
    if (o && typeof o === "object" && !isSecret(o) && !Array.isArray(o) && inV && typeof inV === "object" && !isSecret(inV) && !Array.isArray(inV)) annotate(o as Obj, inV as Obj);
    else if (!isSecret(o) && hasSecret(inV)) outs[k] = secret(o);
  }
  return outs;
}

export async function serializeProvider(provider: object): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

export interface Host {
  readonly call: (method: string, req: unknown) => Promise<Record<string, (...a: unknown[]) => unknown>>;
  readonly output: () => string;
  close(): void;
}

/** Starts the host as pulumi-resource-pulumi-nodejs does: `node cmd/dynamic-provider <engine>`, port on stdout. */
export async function startHost(cwd: string, project: string, env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const script = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const child = spawn(process.execPath, [script, "127.0.0.1:1"], { cwd, env: { ...process.env, PULUMI_NODEJS_PROJECT: project, PULUMI_PROJECT: project, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (d: Buffer) => { output += d.toString(); });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); output += d.toString(); const m = /^(\d+)\r?\n/.exec(out); if (m) resolve(Number(m[1])); });
    child.on("exit", (code) => reject(new Error(`provider host exited ${String(code)}: ${output}`)));
  });
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (method: string, req: unknown): Promise<Record<string, (...a: unknown[]) => unknown>> => new Promise((resolve, reject) => {
    (client[method] as (r: unknown, m: object, o: object, cb: (e: Error | null, r: Record<string, (...a: unknown[]) => unknown>) => void) => void)(req, new (require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as { Metadata: new () => object }).Metadata(), { deadline: Date.now() + 120_000 }, (e, r) => (e ? reject(e) : resolve(r)));
  });
  return { call, output: () => output, close: () => { client.close(); child.kill(); } };
}

const S = (o: unknown): unknown => Struct.fromJavaScript(JSON.parse(JSON.stringify(o)) as unknown);
const js = (s: unknown): Obj => (s ? ((s as { toJavaScript(): Obj }).toJavaScript()) : {});
const request = (type: string, fields: Record<string, unknown>): unknown => {
  const Ctor = pb[type];
  if (!Ctor) throw new Error(`no ${type}`);
  const req = new Ctor();
  for (const [k, v] of Object.entries(fields)) (req[`set${k}`] as (x: unknown) => void).call(req, v);
  return req;
};

export interface Engine {
  configure(config: Obj): Promise<void>;
  check(type: string, name: string, olds: Obj, news: Obj): Promise<{ inputs: Obj; failures: { property: string; reason: string }[] }>;
  diff(type: string, name: string, id: string, oldInputs: Obj, olds: Obj, news: Obj): Promise<{ changes: "unknown" | "none" | "some"; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(type: string, name: string, inputs: Obj): Promise<{ id: string; outs: Obj }>;
  update(type: string, name: string, id: string, oldInputs: Obj, olds: Obj, news: Obj): Promise<{ outs: Obj }>;
  read(type: string, name: string, id: string, state: Obj, inputs: Obj): Promise<{ id: string; outs: Obj }>;
  delete(type: string, name: string, id: string, state: Obj, oldInputs: Obj): Promise<void>;
}

export function engine(host: Host, project: string, stack: string): Engine {
  const urn = (type: string, name: string): string => `urn:pulumi:${stack}::${project}::${type}::${name}`;
  const base = (type: string, name: string) => ({ Urn: urn(type, name), Name: name, Type: type });
  const C = pb.DiffResponse.DiffChanges;
  return {
    async configure(config) { await host.call("configure", request("ConfigureRequest", { Args: S(config), Acceptsecrets: true, Acceptresources: true, Type: "pulumi:providers:pulumi-nodejs" })); },
    async check(type, name, olds, news) {
      const r = await host.call("check", request("CheckRequest", { ...base(type, name), Olds: S(olds), News: S(news) }));
      return { inputs: js(r["getInputs"]?.()), failures: ((r["getFailuresList"]?.() ?? []) as { getProperty(): string; getReason(): string }[]).map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    },
    async diff(type, name, id, oldInputs, olds, news) {
      const r = await host.call("diff", request("DiffRequest", { ...base(type, name), Id: id, OldInputs: S(oldInputs), Olds: S(olds), News: S(news) }));
      const changes = r["getChanges"]?.();
      return { changes: changes === C["DIFF_NONE"] ? "none" : changes === C["DIFF_SOME"] ? "some" : "unknown", replaces: (r["getReplacesList"]?.() ?? []) as string[], deleteBeforeReplace: r["getDeletebeforereplace"]?.() === true };
    },
    async create(type, name, inputs) {
      const r = await host.call("create", request("CreateRequest", { ...base(type, name), Properties: S(inputs), Preview: false }));
      return { id: String(r["getId"]?.()), outs: js(r["getProperties"]?.()) };
    },
    async update(type, name, id, oldInputs, olds, news) {
      const r = await host.call("update", request("UpdateRequest", { ...base(type, name), Id: id, OldInputs: S(oldInputs), Olds: S(olds), News: S(news) }));
      return { outs: js(r["getProperties"]?.()) };
    },
    async read(type, name, id, state, inputs) {
      const r = await host.call("read", request("ReadRequest", { ...base(type, name), Id: id, Properties: S(state), Inputs: S(inputs) }));
      return { id: String(r["getId"]?.() ?? ""), outs: js(r["getProperties"]?.()) };
    },
    async delete(type, name, id, state, oldInputs) { await host.call("delete", request("DeleteRequest", { ...base(type, name), Id: id, Properties: S(state), OldInputs: S(oldInputs) })); },
  };
}

export interface StateRecord { type: string; name: string; id: string; inputs: Obj; outputs: Obj }
/** A resource to deploy; its inputs may read the outputs of resources deployed before it (as engine outputs do). */
export interface Desired { type: string; name: string; inputs: (outputsOf: (name: string) => Obj | undefined) => Obj }
export interface Op { op: "create" | "same" | "update" | "replace" | "delete"; name: string; type: string }

/** One `pulumi preview` (preview: true) or `pulumi up`: state is updated in place step by step, as the engine does. */
export async function deploy(e: Engine, desired: readonly Desired[], state: Map<string, StateRecord>, options: { preview?: boolean } = {}): Promise<Op[]> {
  const ops: Op[] = [];
  const seen = new Set<string>();
  const outputsOf = (name: string): Obj | undefined => state.get(name)?.outputs;
  for (const r of desired) {
    seen.add(r.name);
    const old = state.get(r.name);
    const wanted = r.inputs((n) => (options.preview && !state.has(n) ? { graphId: UNKNOWN } : outputsOf(n)));
    const checked = await e.check(r.type, r.name, strip(old?.inputs ?? {}) as Obj, strip(wanted) as Obj);
    if (checked.failures.length > 0) throw new Error(`${r.name}: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    const inputs = annotate(checked.inputs, wanted);
    const record = (op: Op["op"], id: string, outs: Obj): void => {
      ops.push({ op, name: r.name, type: r.type });
      if (!options.preview) state.set(r.name, { type: r.type, name: r.name, id, inputs, outputs: annotate(outs, inputs) });
    };
    if (!old) {
      if (options.preview) { record("create", "", inputs); continue; }
      const c = await e.create(r.type, r.name, strip(inputs) as Obj);
      record("create", c.id, c.outs);
      continue;
    }
    const d = await e.diff(r.type, r.name, old.id, strip(old.inputs) as Obj, strip(old.outputs) as Obj, strip(inputs) as Obj);
    if (d.changes === "unknown") throw new Error(`${r.name}: the provider has no diff; the engine would compare inputs including __provider`);
    if (d.changes === "none") { ops.push({ op: "same", name: r.name, type: r.type }); if (!options.preview) state.set(r.name, { ...old, inputs }); continue; }
    if (d.replaces.length > 0) {
      if (options.preview) { record("replace", old.id, inputs); continue; }
      if (d.deleteBeforeReplace) await e.delete(r.type, r.name, old.id, strip(old.outputs) as Obj, strip(old.inputs) as Obj);
      const c = await e.create(r.type, r.name, strip(inputs) as Obj);
      if (!d.deleteBeforeReplace) await e.delete(r.type, r.name, old.id, strip(old.outputs) as Obj, strip(old.inputs) as Obj);
      record("replace", c.id, c.outs);
      continue;
    }
    if (options.preview) { record("update", old.id, inputs); continue; }
    const u = await e.update(r.type, r.name, old.id, strip(old.inputs) as Obj, strip(old.outputs) as Obj, strip(inputs) as Obj);
    record("update", old.id, u.outs);
  }
  for (const [name, old] of [...state].reverse()) {
    if (seen.has(name)) continue;
    if (!options.preview) { await e.delete(old.type, old.name, old.id, strip(old.outputs) as Obj, strip(old.inputs) as Obj); state.delete(name); }
    ops.push({ op: "delete", name, type: old.type });
  }
  return ops;
}

export const hostVersion = async (host: Host): Promise<string> => String((await host.call("getPluginInfo", new Empty()))["getVersion"]?.());
