// Choosing a phase: the one way every command and the Pulumi program say that a phase is not the plan's.
import type { Plan } from "./schema.ts";

/**
 * Why `phase` is not one of `plan`'s phases, or undefined when it is (or none was asked for). `source` says where
 * the name came from when the user did not type it (a stack file); `plan` names which plan when there are two.
 */
export function unknownPhase(
  plan: Pick<Plan, "phases">,
  phase: string | undefined,
  options: { source?: string; plan?: string } = {},
): string | undefined {
  if (phase === undefined || plan.phases.some((p) => p.key === phase)) return undefined;
  const keys = plan.phases.map((p) => p.key).join(", ") || "(none)";
  return `unknown phase ${phase}${options.source ? ` (from ${options.source})` : ""}; the ${options.plan ?? "plan"}'s phases are ${keys}`;
}
