// A Graph client for an endpoint: the emulator (any http://127.0.0.1 URL, no sign-in) or a cloud by name or Graph
// endpoint, signed in with @azure/identity. Shared by the CLI's --tenant and the Pulumi provider's configuration.
import type { Deadlines, RetryPolicy } from "./client.ts";
import { GraphClient } from "./client.ts";
import type { AuthMethod } from "./credentials.ts";
import { AUTH_METHODS, createCredential, credentialFromEnv } from "./credentials.ts";
import { cloudOf, CLOUDS, isLocalEndpoint } from "./endpoints.ts";
import { sharedBudget } from "./request-budget.ts";

/** The endpoint or sign-in method is not one intune-plan knows; the message says what would be. */
export class EndpointError extends Error {}

export interface Connection {
  /** A local emulator URL, a cloud name (global, usgov, usgovdod, china) or a cloud's Graph endpoint. */
  readonly endpoint: string;
  readonly auth?: string | undefined;
  /** Override the AZURE_* environment (the provider's stack configuration). */
  readonly tenantId?: string | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
}

function defaultAuth(env: NodeJS.ProcessEnv): AuthMethod {
  if (env["AZURE_FEDERATED_TOKEN_FILE"]) return "workloadIdentity";
  if (env["AZURE_CLIENT_SECRET"]) return "clientSecret";
  if (env["AZURE_CLIENT_CERTIFICATE_PATH"]) return "certificate";
  return "azureCli";
}

/**
 * What the project's clients send the local emulator: it demands a bearer token as Graph does (so a web page cannot
 * drive it) but has no directory to check one against, so any non-empty token passes. Not a secret.
 */
export const EMULATOR_HEADERS: Readonly<Record<string, string>> = { authorization: "Bearer intune-plan-emulator" };

export { cloudOf } from "./endpoints.ts";

/**
 * INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS: how long one Graph attempt may take (default 60; a call gets ten attempts'
 * worth). INTUNE_PLAN_RETRY_AFTER_CAP_SECONDS: the longest Retry-After waited (default 300). Unset or not a
 * positive number keeps the default.
 */
export function deadlinesFrom(env: NodeJS.ProcessEnv): Partial<Deadlines> {
  const ms = (key: string): number | undefined => {
    const n = Number(env[key] ?? "");
    return n > 0 ? n * 1000 : undefined;
  };
  const attemptMs = ms("INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS");
  const maxRetryAfterMs = ms("INTUNE_PLAN_RETRY_AFTER_CAP_SECONDS");
  return { ...(attemptMs ? { attemptMs } : {}), ...(maxRetryAfterMs ? { maxRetryAfterMs } : {}) };
}

/**
 * INTUNE_PLAN_GROUP_LOOKUP_SECONDS (default 60) and INTUNE_PLAN_LOOKUP_SECONDS (default 15): how long a create whose
 * outcome is unknown is looked for, for groups and for everything else, before it counts as not made; raise them
 * for a tenant that replicates more slowly. INTUNE_PLAN_RETRY_SCALE shrinks retry waits for tests against the
 * emulator; real tenants keep Graph's timing.
 */
export function retryFrom(env: NodeJS.ProcessEnv): Partial<RetryPolicy> {
  const positive = (key: string): number | undefined => {
    const n = Number(env[key] ?? "");
    return n > 0 ? n : undefined;
  };
  const scale = positive("INTUNE_PLAN_RETRY_SCALE");
  const group = positive("INTUNE_PLAN_GROUP_LOOKUP_SECONDS");
  const other = positive("INTUNE_PLAN_LOOKUP_SECONDS");
  return {
    ...(scale ? { timeScale: scale } : {}),
    ...(group ? { groupLookupWindowMs: group * 1000 } : {}),
    ...(other ? { lookupWindowMs: other * 1000 } : {}),
  };
}

export function connectGraph(connection: Connection, env: NodeJS.ProcessEnv = process.env): GraphClient {
  const policy = { retry: retryFrom(env), deadlines: deadlinesFrom(env) };
  if (isLocalEndpoint(connection.endpoint)) return new GraphClient({ endpoint: connection.endpoint, headers: EMULATOR_HEADERS, ...policy });
  const cloud = cloudOf(connection.endpoint);
  if (!cloud)
    throw new EndpointError(
      `${connection.endpoint} is not an http://127.0.0.1 emulator URL, a cloud (${Object.keys(CLOUDS).join(", ")}) or its Graph endpoint`,
    );
  const withOverrides: NodeJS.ProcessEnv = {
    ...env,
    ...(connection.tenantId ? { AZURE_TENANT_ID: connection.tenantId } : {}),
    ...(connection.clientId ? { AZURE_CLIENT_ID: connection.clientId } : {}),
    ...(connection.clientSecret ? { AZURE_CLIENT_SECRET: connection.clientSecret } : {}),
  };
  const method = (connection.auth ?? defaultAuth(withOverrides)) as AuthMethod;
  if (!AUTH_METHODS.includes(method)) throw new EndpointError(`auth ${method} is not one of ${AUTH_METHODS.join(", ")}`);
  const credential = createCredential(credentialFromEnv(withOverrides, method, cloud));
  // Graph counts an app's requests per tenant: every client of this process for the same pair shares one budget.
  const budget = sharedBudget(
    `${CLOUDS[cloud].graph} ${withOverrides["AZURE_TENANT_ID"] ?? ""} ${withOverrides["AZURE_CLIENT_ID"] ?? method}`,
  );
  return new GraphClient({ endpoint: CLOUDS[cloud].graph, credential, budget, ...policy });
}
