// Pulumi entry point (Pulumi.yaml `main`). Stack configuration, in the project namespace `intune-plan:`:
//   plan          plan folders or files, comma-separated, relative to the project folder (default: plan)
//   phase         the active rollout phase (default: the last); pipelines promote by changing it
//   graphEndpoint Microsoft Graph (default https://graph.microsoft.com), a national cloud, or the emulator's URL
//   tenantId, clientId, auth, clientSecret (secret)  sign-in for a real tenant (or the AZURE_* environment)
//   <SECRET_NAME> (secret)  the value of each `{ secret: NAME }` in the plan (or an environment variable)
// The engine runs this file with the working directory providers/ (the folder of `main`); plan paths, and the
// file names in diagnostics, are relative to the project folder, so the program works from there.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { registerPlan, tenantProvider } from "./program.ts";

process.chdir(path.resolve(import.meta.dirname, ".."));
const config = new pulumi.Config();
const result = registerPlan({
  planPaths: (config.get("plan") ?? "plan")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean),
  phase: config.get("phase"),
  secret: (name) => config.getSecret(name) ?? (process.env[name] ? pulumi.secret(process.env[name]) : undefined),
  provider: tenantProvider(config),
});

export const phase = result.phase;
export const objects = result.resources.size;
export const ids = Object.fromEntries([...result.resources].map(([name, r]) => [name, r.graphId]));
