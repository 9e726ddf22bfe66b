// `intune-plan preview [paths...] --tenant <emulator[:seed]|url|cloud> [--phase P] [--stack NAME | --stack-export FILE]
// [--format ...] [--detailed-exitcode]` and `intune-plan drift`: the plan compiled for a phase against what the
// tenant holds, read-only, rendered like `diff`. With a stack, the objects it owns are matched by id and the report
// gives the answer `pulumi preview --refresh` gives for that stack (the tenant as it is now; plain `pulumi preview`
// agrees whenever nothing changed outside Pulumi); ownership errors (a name taken) exit 1. Without one, matches are
// by name and ownership is unknown. Drift shows only what differs on objects that exist on both sides.
import type { ParseArgsOptionsConfig } from "node:util";
import { newerTenantTemplates } from "../../graph/policy-templates.ts";
import { withTemplateRisks } from "../../diff/risks.ts";
import { compile } from "../../compile/compile.ts";
import { audienceOf, withTenantUsers } from "../../diff/audience.ts";
import { hasChanges, hasErrorFindings } from "../../diff/change-set.ts";
import { comparedProperties, diffStates, reassess } from "../../diff/diff.ts";
import { driftOnly } from "../../diff/drift.ts";
import { viewOfDesired } from "../../compile/state-view.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan, requirePhase } from "../load-plan.ts";
import { isReportFormat, renderReport } from "../render-report.ts";
import type { StackSettings, StackSource } from "../stack-source.ts";
import { readStackOwnership, readStackSettings } from "../stack-source.ts";
import { connectTenant, tenantOptions } from "../tenant-connection.ts";
import { readTenant } from "../../graph/tenant-reader.ts";
import { tenantGroupUsers } from "../../graph/members.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  tenant: { type: "string" },
  phase: { type: "string" },
  stack: { type: "string" },
  "stack-export": { type: "string" },
  auth: { type: "string" },
  format: { type: "string", default: "text" },
  faults: { type: "string" },
  "detailed-exitcode": { type: "boolean", default: false },
} as const satisfies ParseArgsOptionsConfig;

const HELP: CommandSpec<typeof OPTIONS>["help"] = {
  tenant: {
    value: "T",
    text: "emulator[:seed] (default: an emulator started here, seeded legacy-contoso), a running emulator's URL\n(http://127.0.0.1:PORT), or a real tenant's cloud: global, usgov, usgovdod, china, or its Graph endpoint",
  },
  phase: { value: "P", text: "the active phase (default: the stack's intune-plan:phase, else none)" },
  stack: { value: "NAME", text: "match what this Pulumi stack owns by id (runs pulumi stack export here; reads Pulumi.NAME.yaml)" },
  "stack-export": { value: "FILE", text: "the same from the output of pulumi stack export" },
  auth: {
    value: "M",
    text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli\n(default: from the AZURE_* variables)",
  },
  format: { choices: ["text", "markdown", "json", "sarif"], text: "terminal text, Markdown, versioned JSON, or SARIF" },
  faults: { value: "SPEC", text: "fault injection for the in-process emulator (see intune-plan emulator --help)" },
  "detailed-exitcode": { text: "exit 2 when there are changes (for CI gates)" },
};

const EXITS =
  "0 no changes, or changes without --detailed-exitcode; 1 the plan has errors, an ownership error (pulumi up would fail) or a tenant failure; 2 changes present (only with --detailed-exitcode); 64 usage";

export const previewSpec: CommandSpec<typeof OPTIONS> = {
  name: "preview",
  summary: "the plan against a tenant, read-only",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: HELP,
  exits: EXITS,
  description:
    "Compiles the plan for a phase and compares it with what the tenant holds, read-only, risks first. With a Pulumi\nstack the objects it owns are matched by id, as pulumi preview --refresh does; without one, by name.",
};

export const driftSpec: CommandSpec<typeof OPTIONS> = {
  name: "drift",
  summary: "what differs on objects the tenant and the plan share",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: HELP,
  exits: EXITS,
  description:
    "preview restricted to objects that exist on both sides: what was changed in the tenant (or in the plan) since\nthe last apply, not what the plan has yet to create.",
};

/** Where the ownership comes from, as flags name it; both at once is a usage error. */
function stackSource(values: { stack?: string | undefined; "stack-export"?: string | undefined }): StackSource | undefined {
  if (values.stack !== undefined) return { stack: values.stack };
  return values["stack-export"] !== undefined ? { file: values["stack-export"] } : undefined;
}

/** The stack settings this run takes over (flags win), said on stderr so nobody wonders which tenant was read. */
function settingsLine(
  settings: StackSettings,
  stack: string,
  used: { phase: boolean; tenant: boolean; plan: boolean; auth: boolean },
): string | undefined {
  const parts = [
    ...(used.phase && settings.phase ? [`phase ${settings.phase}`] : []),
    ...(used.tenant && settings.graphEndpoint ? [`tenant ${settings.graphEndpoint}`] : []),
    ...(used.plan && settings.plan ? [`plan ${settings.plan.join(", ")}`] : []),
    ...(used.auth && settings.auth ? [`auth ${settings.auth}`] : []),
  ];
  return parts.length > 0 ? `stack ${stack}: ${parts.join(", ")} (from ${settings.file})\n` : undefined;
}

export async function previewCommand(args: string[], io: CliIO, mode: "preview" | "drift" = "preview"): Promise<number> {
  const { values, positionals } = parseCommand(mode === "drift" ? driftSpec : previewSpec, args);
  const format = values.format;
  if (!isReportFormat(format)) throw new UsageError(`unknown --format ${format}`);
  if (values.stack !== undefined && values["stack-export"] !== undefined)
    throw new UsageError("--stack runs pulumi stack export and --stack-export reads its output: give one of them");
  const settings = values.stack !== undefined ? readStackSettings(io.cwd, values.stack) : undefined;
  const paths = positionals.length > 0 ? positionals : (settings?.plan ?? []);
  const plan = loadPlan(paths, io);
  if (!plan) return EXIT.errors;
  const phase = values.phase ?? settings?.phase;
  requirePhase(plan, phase, values.phase === undefined ? { source: settings?.file ?? "the stack" } : {});
  if (settings && values.stack !== undefined) {
    const line = settingsLine(settings, values.stack, {
      phase: values.phase === undefined,
      tenant: values.tenant === undefined,
      plan: positionals.length === 0,
      auth: values.auth === undefined,
    });
    if (line) io.stderr.write(line);
  }
  const desired = compile(plan, phase);
  const source = stackSource(values);
  const stack = source ? await readStackOwnership(source, io.cwd) : undefined;
  if (stack)
    io.stderr.write(
      `stack ${stack.stack} owns ${stack.objects.length} Graph objects and ${stack.assignmentSets.length} assignment sets; they are matched by id, everything else by name\n`,
    );
  const connection = await connectTenant(tenantOptions(values, settings, "emulator"));
  try {
    io.stderr.write(`reading ${connection.label} ...\n`);
    // Only the view and the request count are kept: the Graph items behind the view (`items`, for import) are as
    // large as the view again and would stay alive through the diff. Of each tenant object only the properties the
    // diff compares are kept (a Graph object holds every property of its type).
    const head = viewOfDesired(desired, paths.join(" ") || "plan");
    const { view, requests: tenantRequests } = await readTenant(connection.client, {
      label: connection.label,
      desired: desired.objects,
      properties: comparedProperties(head),
      ...(stack ? { stack } : {}),
    });
    const options = { plan: plan.name, audience: audienceOf(plan), phases: plan.phases.map((p) => p.key) };
    const estimated = diffStates(view, head, options);
    // The groups a change newly reaches that the tenant already holds are counted from their members there.
    const reached = new Set(estimated.summary.newlyReached.map((g) => g.group));
    const reachedInTenant = new Map(view.objects.flatMap((o) => (o.id && reached.has(o.address) ? [[o.address, o.id] as const] : [])));
    const before = connection.client.stats.requests;
    const tenantUsers = reachedInTenant.size > 0 ? await tenantGroupUsers(connection.client, reachedInTenant) : undefined;
    const assessed = tenantUsers
      ? reassess(estimated, { ...options, audience: withTenantUsers(options.audience, tenantUsers) })
      : estimated;
    const requests = tenantRequests + connection.client.stats.requests - before;
    const collections = new Set(view.objects.map((o) => o.collection)).size;
    const inPlan = new Set(desired.objects.map((o) => o.address));
    const found = view.objects.filter((o) => inPlan.has(o.address)).length;
    const dropped = view.objects.length - found;
    // Counted from the change set: a name the stack does not own that a plan object would take is someone else's.
    io.stderr.write(
      `read the tenant in ${requests} requests (${connection.client.stats.retries} retried); ${found} plan objects found${dropped > 0 ? `, ${dropped} the stack owns and the plan no longer has` : ""}, ${assessed.unmanaged.length} not managed by the plan, across ${collections} collections\n`,
    );
    if (!stack)
      io.stderr.write(
        `ownership unknown: no --stack given, so ${view.objects.filter((o) => o.origin === "name").length} plan objects were matched to tenant objects by name (reported as "matched by name", never as adopt); pass --stack NAME to compare with what a Pulumi stack owns\n`,
      );
    // Template versions (S24): a policy made from a template of which the tenant offers a newer version than the plan
    // records is a low risk in the report (validate's IP254 says it from the plan's snapshot).
    const templated = Object.entries(plan.configuration).flatMap(([key, p]) => (p.template ? [[key, p.template.id] as const] : []));
    const newer = await newerTenantTemplates(
      connection.client,
      templated.map(([, id]) => id),
    );
    const outdated = newer.flatMap((n) =>
      templated
        .filter(([, id]) => id === n.templateId)
        .map(([key]) => ({
          address: `configuration.${key}`,
          templateId: n.templateId,
          name: `${n.displayName} ${n.displayVersion}`,
          newerId: n.newerId,
          newerVersion: n.newerDisplayVersion,
        })),
    );
    const set = withTemplateRisks(assessed, outdated);
    const shown = mode === "drift" ? driftOnly(set) : set;
    io.stdout.write(renderReport({ formatVersion: "1", changeSets: [shown] }, format));
    if (hasErrorFindings(shown)) {
      const errors = (shown.findings ?? []).filter((f) => f.severity === "error").length;
      io.stderr.write(`${errors} ownership error${errors === 1 ? "" : "s"}: pulumi up would fail or do harm (see the report)\n`);
      return EXIT.errors;
    }
    return values["detailed-exitcode"] && hasChanges(shown) ? EXIT.changes : EXIT.ok;
  } finally {
    await connection.close();
  }
}
