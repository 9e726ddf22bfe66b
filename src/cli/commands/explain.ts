// `intune-plan explain [paths...] --group G [--phase P] [--format text|markdown|json]`, or the tenant side:
// `--user U` / `--device D` with `--tenant T` (explain-principal.ts, loaded only then: a group explain reads no tenant).
import type { ParseArgsOptionsConfig } from "node:util";
import { explainGroup } from "../../explain/explain.ts";
import { findGroup } from "../../explain/find-group.ts";
import { renderExplainMarkdown, renderExplainText } from "../../explain/render-explain.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan, requirePhase } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  group: { type: "string" },
  user: { type: "string" },
  device: { type: "string" },
  tenant: { type: "string" },
  auth: { type: "string" },
  faults: { type: "string" },
  stack: { type: "string" },
  "stack-export": { type: "string" },
  phase: { type: "string" },
  format: { type: "string", default: "text" },
} as const satisfies ParseArgsOptionsConfig;

export const explainSpec: CommandSpec<typeof OPTIONS> = {
  name: "explain",
  summary: "what reaches a group, a user or a device in a phase, and which setting values it gets",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    group: { value: "G", text: "the plan group: its key or its display name" },
    user: {
      value: "U",
      text: "a user of the tenant (--tenant): its userPrincipalName or object id; explains the union of its plan groups",
    },
    device: { value: "D", text: "an Entra device of the tenant (--tenant): its name, object id or deviceId" },
    tenant: {
      value: "T",
      text: `with --user / --device: emulator[:seed] (started here), a running emulator's URL (http://127.0.0.1:PORT),
or a real tenant's cloud: global, usgov, usgovdod, china, or its Graph endpoint (default: emulator:legacy-contoso)`,
    },
    auth: { value: "M", text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli" },
    faults: { value: "SPEC", text: "fault injection for the in-process emulator (see intune-plan emulator --help)" },
    stack: {
      value: "NAME",
      text: "with --user / --device: the plan groups this Pulumi stack owns are found by id, as preview --stack finds them\n(runs pulumi stack export here; Pulumi.NAME.yaml's graphEndpoint is the default tenant)",
    },
    "stack-export": { value: "FILE", text: "the same from the output of pulumi stack export" },
    phase: { value: "P", text: "the active phase (default: the last phase, the rollout's end state)" },
    format: { choices: ["text", "markdown", "json"], text: "a readable report, Markdown for a PR or wiki, or a versioned JSON document" },
  },
  description:
    "Lists every plan object whose assignment reaches the group in the phase (through a phase audience, an include,\nallUsers or allDevices; minus exclusions; with its assignment filter), the objects that exclude it, and the value of\nevery setting its members get. Where two policies set one setting differently it says which value wins or why\nnone does, by the same rules as validate's conflict check (IP090). With --user or --device it reads the principal's\ngroups from the tenant (transitively), maps them to the plan's groups as preview does, counts All users / All\ndevices, and explains the union: which of its groups brings each object, and which exclusion takes one away (an\nexclusion wins over an inclusion in Intune). Read-only on the tenant.",
  exits: "0 explained, 1 the plan has errors or the tenant cannot be read, 64 usage (including an unknown group, phase, user or device)",
};

export async function explainCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand(explainSpec, args);
  const asked = (["group", "user", "device"] as const).filter((o) => values[o] !== undefined);
  if (asked.length !== 1)
    throw new UsageError(
      asked.length === 0
        ? "--group, --user or --device is required: the plan group, or the tenant's user or device, to explain"
        : `give one of --group, --user and --device, not ${asked.map((o) => `--${o}`).join(" and ")}`,
    );
  for (const o of asked) if (values[o] === "") throw new UsageError(`--${o} needs a value`);
  if (values.group !== undefined)
    for (const o of ["tenant", "auth", "faults", "stack", "stack-export"] as const)
      if (values[o] !== undefined) throw new UsageError(`--${o} goes with --user or --device: a group is explained from the plan alone`);
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  requirePhase(plan, values.phase);
  if (values.group === undefined) {
    const { explainPrincipalCommand } = await import("./explain-principal.ts");
    return explainPrincipalCommand(plan, values, io);
  }
  const lookup = findGroup(plan, values.group);
  if (!lookup.found) {
    throw new UsageError(
      `unknown group ${values.group}; ${lookup.closest.length > 0 ? `the closest plan groups are ${lookup.closest.join(", ")}` : "the plan has no groups"} (a plan key or a display name)`,
    );
  }
  const report = explainGroup(plan, lookup.key, values.phase);
  const defaulted = values.phase === undefined && report.phase !== null;
  if (values.format === "json") io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (values.format === "markdown") io.stdout.write(renderExplainMarkdown(report, defaulted));
  else io.stdout.write(renderExplainText(report, defaulted));
  return EXIT.ok;
}
