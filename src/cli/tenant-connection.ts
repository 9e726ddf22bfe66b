// I/O edge: `--tenant` → a Graph client. `emulator[:seed]` starts the embedded emulator in this process (the
// default tenant: no Microsoft account needed); an http://127.0.0.1 URL is a running emulator; anything else is
// a real tenant reached through a national-cloud endpoint with @azure/identity credentials from the environment.
import { parseFaults } from "../emulator/faults.ts";
import type { SeedName } from "../emulator/seeds.ts";
import { seedTenant, SEEDS } from "../emulator/seeds.ts";
import { startEmulator } from "../emulator/server.ts";
import type { GraphClient } from "../graph/client.ts";
import { cloudOf, connectGraph, EndpointError } from "../graph/connect.ts";
import { CLOUDS, isLocalEndpoint } from "../graph/endpoints.ts";

export interface TenantConnection {
  readonly client: GraphClient;
  readonly label: string;
  close(): Promise<void>;
}

import { TenantOptionError } from "./tenant-option-error.ts";

export { TenantOptionError } from "./tenant-option-error.ts";

export interface TenantOptions {
  readonly tenant: string;
  readonly auth?: string | undefined;
  readonly faults?: string | undefined;
  /** Override AZURE_TENANT_ID / AZURE_CLIENT_ID (a stack's settings); secrets only ever come from the environment. */
  readonly tenantId?: string | undefined;
  readonly clientId?: string | undefined;
}

export async function connectTenant(options: TenantOptions, env: NodeJS.ProcessEnv = process.env): Promise<TenantConnection> {
  const m = /^emulator(?::(.+))?$/.exec(options.tenant);
  if (m) {
    const seed = (m[1] ?? "legacy-contoso") as SeedName;
    if (!SEEDS.includes(seed)) throw new TenantOptionError(`unknown emulator seed ${seed}; use ${SEEDS.join(" or ")}`);
    let faults;
    try { faults = parseFaults(options.faults); } catch (e) { throw new TenantOptionError((e as Error).message); }
    const emulator = await startEmulator({ data: seedTenant(seed), faults });
    return { client: connectGraph({ endpoint: emulator.url }, env), label: `emulator (${seed})`, close: () => emulator.close() };
  }
  const cloud = cloudOf(options.tenant);
  if (!cloud && !isLocalEndpoint(options.tenant)) throw new TenantOptionError(`--tenant ${options.tenant} is not emulator[:seed], an http://127.0.0.1 emulator URL, a cloud (${Object.keys(CLOUDS).join(", ")}) or its Graph endpoint`);
  try {
    const client = connectGraph({ endpoint: options.tenant, auth: options.auth, tenantId: options.tenantId, clientId: options.clientId }, env);
    return { client, label: cloud ? `${options.tenantId ?? env["AZURE_TENANT_ID"] ?? "tenant"} (${cloud})` : options.tenant, close: async () => undefined };
  } catch (error) {
    if (error instanceof EndpointError) throw new TenantOptionError(`--${error.message}`);
    throw error;
  }
}
