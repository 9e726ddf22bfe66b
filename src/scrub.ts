// The one secret scrubber: every line the CLI prints passes through here (main.ts wraps both streams), and every
// error the Pulumi provider hands the engine, so an error that echoes a token request, a Graph reply or a plan value
// can never show a secret the process knows.
// Known secrets: AZURE_CLIENT_SECRET from the environment, and the values of the plan's `{ secret: NAME }`
// references the process can see (environment variables of those names), remembered as plans are loaded.
import { isSecretRef } from "./graph-model/secrets.ts";

/** What a scrubbed secret reads as. */
export const REDACTED = "«redacted»";

/** Shorter values are not scrubbed: masking every "1" or "on" in the output would hide more than it protects. */
const MIN_SECRET_LENGTH = 4;

const remembered = new Set<string>();

/** Marks `value` as a secret for the rest of this process. */
export function rememberSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= MIN_SECRET_LENGTH) remembered.add(value);
}

/** Remembers the environment values of every `{ secret: NAME }` in `plan` (the values an apply would send). */
export function rememberPlanSecrets(plan: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const walk = (v: unknown): void => {
    if (isSecretRef(v)) {
      rememberSecret(env[v.secret]);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x);
  };
  walk(plan);
}

/** The secrets known now: the environment's client secret and everything remembered. */
function knownSecrets(env: NodeJS.ProcessEnv): string[] {
  const client = env["AZURE_CLIENT_SECRET"];
  return client === undefined ? [...remembered] : [...remembered, client];
}

/** `text` with every known secret value, and its URL-encoded and JSON-escaped forms, replaced by REDACTED. */
export function scrub(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return scrubValues(text, knownSecrets(env));
}

/** `text` with each of `secrets` (and its URL-encoded and JSON-escaped forms) replaced by REDACTED; longest first. */
export function scrubValues(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length)) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}
