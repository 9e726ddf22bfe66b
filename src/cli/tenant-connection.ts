// I/O edge: `--tenant` → a Graph client. `emulator[:seed]` starts the embedded emulator in this process (the
// default tenant: no Microsoft account needed); an http://127.0.0.1 URL is a running emulator; anything else is
// a real tenant reached through a national-cloud endpoint with @azure/identity credentials from the environment.
import { parseFaults } from "../emulator/faults.ts";
import type { SeedName } from "../emulator/seeds.ts";
import { seedTenant, SEEDS } from "../emulator/seeds.ts";
import { startEmulator } from "../emulator/server.ts";
import { GraphClient } from "../graph/client.ts";
import type { AuthMethod } from "../graph/credentials.ts";
import { AUTH_METHODS, createCredential, credentialFromEnv } from "../graph/credentials.ts";
import type { Cloud } from "../graph/endpoints.ts";
import { CLOUDS, isCloud, isLocalEndpoint } from "../graph/endpoints.ts";

export interface TenantConnection {
  readonly client: GraphClient;
  readonly label: string;
  close(): Promise<void>;
}

export class TenantOptionError extends Error {}

export interface TenantOptions {
  readonly tenant: string;
  readonly auth?: string | undefined;
  readonly faults?: string | undefined;
  /** Shrinks retry waits (tests against the emulator). */
  readonly timeScale?: number;
}

function defaultAuth(env: NodeJS.ProcessEnv): AuthMethod {
  if (env["AZURE_FEDERATED_TOKEN_FILE"]) return "workloadIdentity";
  if (env["AZURE_CLIENT_SECRET"]) return "clientSecret";
  if (env["AZURE_CLIENT_CERTIFICATE_PATH"]) return "certificate";
  return "azureCli";
}

export async function connectTenant(options: TenantOptions, env: NodeJS.ProcessEnv = process.env): Promise<TenantConnection> {
  // INTUNE_PLAN_RETRY_SCALE shrinks retry waits for tests against the emulator; real tenants keep Graph's timing.
  const scale = options.timeScale ?? (env["INTUNE_PLAN_RETRY_SCALE"] ? Number(env["INTUNE_PLAN_RETRY_SCALE"]) : undefined);
  const retry = scale === undefined || !(scale > 0) ? {} : { retry: { timeScale: scale } };
  const m = /^emulator(?::(.+))?$/.exec(options.tenant);
  if (m) {
    const seed = (m[1] ?? "legacy-contoso") as SeedName;
    if (!SEEDS.includes(seed)) throw new TenantOptionError(`unknown emulator seed ${seed}; use ${SEEDS.join(" or ")}`);
    let faults;
    try { faults = parseFaults(options.faults); } catch (e) { throw new TenantOptionError((e as Error).message); }
    const emulator = await startEmulator({ data: seedTenant(seed), faults });
    return { client: new GraphClient({ endpoint: emulator.url, ...retry }), label: `emulator (${seed})`, close: () => emulator.close() };
  }
  if (isLocalEndpoint(options.tenant)) return { client: new GraphClient({ endpoint: options.tenant, ...retry }), label: options.tenant, close: async () => undefined };
  const cloud: Cloud | undefined = isCloud(options.tenant) ? options.tenant : (Object.keys(CLOUDS) as Cloud[]).find((c) => CLOUDS[c].graph === options.tenant.replace(/\/+$/, ""));
  if (!cloud) throw new TenantOptionError(`--tenant ${options.tenant} is not emulator[:seed], an http://127.0.0.1 emulator URL, a cloud (${Object.keys(CLOUDS).join(", ")}) or its Graph endpoint`);
  const method = (options.auth ?? defaultAuth(env)) as AuthMethod;
  if (!AUTH_METHODS.includes(method)) throw new TenantOptionError(`--auth ${method} is not one of ${AUTH_METHODS.join(", ")}`);
  const credential = createCredential(credentialFromEnv(env, method, cloud));
  return { client: new GraphClient({ endpoint: CLOUDS[cloud].graph, credential, writeBudget: { writes: 100, windowMs: 20_000 } }), label: `${env["AZURE_TENANT_ID"] ?? "tenant"} (${cloud})`, close: async () => undefined };
}
