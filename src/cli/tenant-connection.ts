// I/O edge: `--tenant` → a Graph client. `emulator[:seed]` starts the embedded emulator in this process (the
// default tenant: no Microsoft account needed); an http://127.0.0.1 URL is a running emulator; anything else is
// a real tenant reached through a national-cloud endpoint with @azure/identity credentials from the environment.
import { parseFaults } from "../emulator/faults.ts";
import type { SeedName } from "../emulator/seeds.ts";
import { seedTenant, SEEDS } from "../emulator/seeds.ts";
import { startEmulator } from "../emulator/server.ts";
import type { GraphClient } from "../graph/client.ts";
import { cloudOf, connectGraph, EMULATOR_HEADERS, EndpointError } from "../graph/connect.ts";
import { CLOUDS, isLocalEndpoint } from "../graph/endpoints.ts";
import { setClockOption } from "../emulator/rollout-model.ts";

/** A running emulator's simulated clock (its admin route); this machine's when it simulates no rollout. */
async function emulatorClock(url: string): Promise<string> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, "")}/_emulator/clock`, { headers: { ...EMULATOR_HEADERS } });
    const body = (await res.json()) as { now?: unknown };
    if (res.ok && typeof body.now === "string") return body.now;
  } catch {
    /* an emulator without the route, or not answering: Graph calls will say so */
  }
  return new Date().toISOString();
}

export interface TenantConnection {
  readonly client: GraphClient;
  readonly label: string;
  /** The seed of an emulator started in this process (absent for a URL or a real tenant). */
  readonly seed?: SeedName;
  /**
   * The tenant's clock, ISO UTC: an emulator's simulated rollout clock when it has one (read through its admin
   * route when it runs elsewhere), else this machine's.
   */
  now(): Promise<string>;
  close(): Promise<void>;
}

import { TenantOptionError } from "./tenant-option-error.ts";
import type { StackSettings } from "./stack-source.ts";

export { TenantOptionError } from "./tenant-option-error.ts";

export interface TenantOptions {
  readonly tenant: string;
  readonly auth?: string | undefined;
  readonly faults?: string | undefined;
  /** The in-process emulator's simulated clock (pilot-* seeds): a date, or +N days after the rollout's start. */
  readonly clock?: string | undefined;
  /** Override AZURE_TENANT_ID / AZURE_CLIENT_ID (a stack's settings); secrets only ever come from the environment. */
  readonly tenantId?: string | undefined;
  readonly clientId?: string | undefined;
}

/**
 * The options of a command that reads a tenant (--tenant, --auth, --faults) with its stack's settings beneath them:
 * what the command line says, else what Pulumi.<stack>.yaml says, else the command's own default tenant.
 */
export function tenantOptions(
  values: { readonly tenant?: string | undefined; readonly auth?: string | undefined; readonly faults?: string | undefined },
  settings: StackSettings | undefined,
  fallback: string,
): TenantOptions {
  return {
    tenant: values.tenant ?? settings?.graphEndpoint ?? fallback,
    auth: values.auth ?? settings?.auth,
    faults: values.faults,
    tenantId: settings?.tenantId,
    clientId: settings?.clientId,
  };
}

export async function connectTenant(options: TenantOptions, env: NodeJS.ProcessEnv = process.env): Promise<TenantConnection> {
  const m = /^emulator(?::(.+))?$/.exec(options.tenant);
  if (m) {
    const seed = (m[1] ?? "legacy-contoso") as SeedName;
    if (!SEEDS.includes(seed)) throw new TenantOptionError(`unknown emulator seed ${seed}; use ${SEEDS.join(" or ")}`);
    let faults;
    try {
      faults = parseFaults(options.faults);
    } catch (e) {
      throw new TenantOptionError((e as Error).message);
    }
    const data = seedTenant(seed);
    if (options.clock !== undefined) {
      const problem = setClockOption(data.rollout, options.clock);
      if (problem) throw new TenantOptionError(`--clock ${options.clock}: ${problem}`);
    }
    const emulator = await startEmulator({ data, faults });
    const now = async (): Promise<string> => data.rollout?.now ?? new Date().toISOString();
    return { client: connectGraph({ endpoint: emulator.url }, env), label: `emulator (${seed})`, seed, now, close: () => emulator.close() };
  }
  const cloud = cloudOf(options.tenant);
  if (options.clock !== undefined)
    throw new TenantOptionError(
      "--clock sets the clock of an emulator started here (--tenant emulator:SEED); a running emulator's clock moves with POST /_emulator/clock",
    );
  if (!cloud && !isLocalEndpoint(options.tenant))
    throw new TenantOptionError(
      `--tenant ${options.tenant} is not emulator[:seed], an http://127.0.0.1 emulator URL, a cloud (${Object.keys(CLOUDS).join(", ")}) or its Graph endpoint`,
    );
  try {
    const client = connectGraph(
      { endpoint: options.tenant, auth: options.auth, tenantId: options.tenantId, clientId: options.clientId },
      env,
    );
    const now = cloud ? async () => new Date().toISOString() : () => emulatorClock(options.tenant);
    return {
      client,
      label: cloud ? `${options.tenantId ?? env["AZURE_TENANT_ID"] ?? "tenant"} (${cloud})` : options.tenant,
      now,
      close: async () => undefined,
    };
  } catch (error) {
    if (error instanceof EndpointError) throw new TenantOptionError(`--${error.message}`);
    throw error;
  }
}
