// `intune-plan explain [paths...] --user U | --device D [--tenant T] [--phase P] [--format ...]`: the I/O edge of
// the principal explain. Reads the user or Entra device, its transitive groups and the tenant's groups
// (graph/principal.ts), then explains the union from the plan (explain/principal-explain.ts). Read-only on the tenant.
// Loaded by explain.ts only for --user / --device, so that a group explain loads no Graph SDK nor emulator.
import { compile } from "../../compile/compile.ts";
import { explainPrincipal } from "../../explain/principal-explain.ts";
import { renderPrincipalMarkdown, renderPrincipalText } from "../../explain/render-principal.ts";
import { AmbiguousPrincipalError, findPrincipal, planGroupIds, principalGroups, PrincipalNotFoundError } from "../../graph/principal.ts";
import type { Plan } from "../../plan/schema.ts";
import { UsageError } from "../cli-errors.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { readStackOwnership, readStackSettings } from "../stack-source.ts";
import { connectTenant, tenantOptions } from "../tenant-connection.ts";

/** The tenant an explain reads when none is given: the embedded emulator's Contoso, which holds people in plan groups. */
export const DEFAULT_EXPLAIN_TENANT = "emulator:legacy-contoso";

export interface PrincipalOptions {
  readonly user?: string | undefined;
  readonly device?: string | undefined;
  readonly tenant?: string | undefined;
  readonly auth?: string | undefined;
  readonly faults?: string | undefined;
  readonly stack?: string | undefined;
  readonly "stack-export"?: string | undefined;
  readonly phase?: string | undefined;
  readonly format?: string | undefined;
}

export async function explainPrincipalCommand(plan: Plan, values: PrincipalOptions, io: CliIO): Promise<number> {
  const kind = values.user !== undefined ? "user" : "device";
  const query = values.user ?? values.device ?? "";
  if (values.stack !== undefined && values["stack-export"] !== undefined)
    throw new UsageError("--stack runs pulumi stack export and --stack-export reads its output: give one of them");
  const settings = values.stack !== undefined ? readStackSettings(io.cwd, values.stack) : undefined;
  const source =
    values.stack !== undefined
      ? { stack: values.stack }
      : values["stack-export"] !== undefined
        ? { file: values["stack-export"] }
        : undefined;
  const stack = source ? await readStackOwnership(source, io.cwd) : undefined;
  if (stack) io.stderr.write(`stack ${stack.stack}: the plan groups it owns are found by id, the others by name\n`);
  const connection = await connectTenant(tenantOptions(values, settings, DEFAULT_EXPLAIN_TENANT));
  try {
    io.stderr.write(`reading ${connection.label} ...\n`);
    const before = connection.client.stats.requests;
    let principal;
    try {
      principal = await findPrincipal(connection.client, kind, query);
    } catch (error) {
      // The argument names nobody (or several devices): a usage mistake, as an unknown --group is.
      if (error instanceof PrincipalNotFoundError || error instanceof AmbiguousPrincipalError) throw new UsageError(error.message);
      throw error;
    }
    const memberOf = await principalGroups(connection.client, principal);
    const ids = await planGroupIds(connection.client, compile(plan, values.phase).objects, stack);
    io.stderr.write(
      `read ${kind} ${principal.displayName}, its ${memberOf.length} group${memberOf.length === 1 ? "" : "s"} and the tenant's groups in ${connection.client.stats.requests - before} requests\n`,
    );
    const report = explainPrincipal(
      plan,
      {
        tenant: connection.label,
        principal: {
          kind,
          id: principal.id,
          displayName: principal.displayName,
          userPrincipalName: principal.userPrincipalName,
          deviceId: principal.deviceId,
        },
        memberOf,
        planGroupIds: ids,
      },
      values.phase,
    );
    if (report.groups.length === 0)
      io.stderr.write(
        `${kind} ${principal.displayName} is in none of the plan's groups${report.otherTenantGroups > 0 ? ` (it is in ${report.otherTenantGroups} other tenant group${report.otherTenantGroups === 1 ? "" : "s"})` : ""}: only All users / All devices assignments can reach it\n`,
      );
    const defaulted = values.phase === undefined && report.phase !== null;
    if (values.format === "json") io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (values.format === "markdown") io.stdout.write(renderPrincipalMarkdown(report, defaulted));
    else io.stdout.write(renderPrincipalText(report, defaulted));
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}
