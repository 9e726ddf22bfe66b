// Pulumi entry point (Pulumi.yaml `main`). Stack configuration, in the project namespace `intune-plan:`:
//   plan          plan folders or files, comma-separated (default: plan)
//   phase         the active rollout phase (default: the last); pipelines promote by changing it
//   graphEndpoint Microsoft Graph (default https://graph.microsoft.com), a national cloud, or the emulator's URL
//   tenantId, clientId, auth, clientSecret (secret)  sign-in for a real tenant (or the AZURE_* environment)
//   <SECRET_NAME> (secret)  the value of each `{ secret: NAME }` in the plan (or an environment variable)
import * as pulumi from "@pulumi/pulumi";
import { registerPlan } from "./program.ts";

const config = new pulumi.Config();
const result = registerPlan({
  planPaths: (config.get("plan") ?? "plan").split(",").map((p) => p.trim()).filter(Boolean),
  phase: config.get("phase"),
  secret: (name) => config.getSecret(name) ?? (process.env[name] ? pulumi.secret(process.env[name]) : undefined),
});

export const phase = result.phase;
export const objects = result.resources.size;
export const ids = Object.fromEntries([...result.resources].map(([name, r]) => [name, r.graphId]));
