// Platform waves against the policies they carry. A phase limited to `platforms` assigns its audience only the
// phased policies whose plan platform is listed, compared by name (src/plan/targets.ts), and Android has four
// names: app protection and device-administrator enrollment say `android`, Android Enterprise compliance and
// configuration say `androidWorkProfile` or `androidFullyManaged`, its enrollment restriction `androidForWork`.
// So `platforms: [android]` leaves every Android Enterprise policy out of the wave. Two findings:
// - IP121: a wave none of whose platforms has a phased policy assigned by then: the phase assigns nothing;
// - IP122: a phased policy (without `include`) that every phase from its first on leaves out: never assigned.
// One pass over the phases and one over the policies, through per-platform first and last indexes.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { compareText } from "../../text-order.ts";
import type { Plan } from "../schema.ts";
import { ANY_PLATFORM, assignableObjects } from "../targets.ts";

/** Platform names that are one operating system to the people who write waves. */
const family = (platform: string): string => (platform.startsWith("android") || platform === "aosp" ? "android" : platform);

interface Phased {
  readonly label: string;
  readonly path: readonly (string | number)[];
  readonly platform: string;
  readonly from: number;
  readonly hasInclude: boolean;
}

function phasedObjects(plan: Plan): Phased[] {
  const index = new Map(plan.phases.map((p, i) => [p.key, i]));
  const out: Phased[] = [];
  for (const obj of assignableObjects(plan)) {
    const spec = obj.assignment ?? {};
    if ((spec.rollout ?? "phased") !== "phased") continue;
    const from = spec.from === undefined ? 0 : index.get(spec.from);
    if (from === undefined) continue; // a dangling `from` is IP032's finding
    if (obj.platform === ANY_PLATFORM) continue; // every wave covers an object of no platform (terms and conditions)
    out.push({
      label: `${obj.section} ${obj.key}`,
      path: [obj.section, obj.key, "platform"],
      platform: obj.platform,
      from,
      hasInclude: (spec.include ?? []).length > 0,
    });
  }
  return out;
}

export function checkPlatformWaves(plan: Plan, platforms: ReadonlySet<string>): Diagnostic[] {
  if (plan.phases.length === 0) return [];
  const objects = phasedObjects(plan);
  // The earliest phase from which some phased policy of each platform is assigned, and one such policy.
  const firstFrom = new Map<string, Phased>();
  for (const o of objects) if ((firstFrom.get(o.platform)?.from ?? Infinity) > o.from) firstFrom.set(o.platform, o);
  // The last phase that assigns each platform, and the last phase limited to no platform.
  const lastCover = new Map<string, number>();
  let lastOpen = -1;
  plan.phases.forEach((phase, i) => {
    if (!phase.platforms) lastOpen = i;
    else for (const p of phase.platforms) if (platforms.has(p)) lastCover.set(p, i);
  });

  const out: Diagnostic[] = [];
  plan.phases.forEach((phase, i) => {
    const listed = phase.platforms;
    if (!listed || listed.some((p) => !platforms.has(p))) return; // unknown platforms are IP013's finding
    if (listed.some((p) => (firstFrom.get(p)?.from ?? Infinity) <= i)) return;
    const reachable = [...firstFrom.values()].filter((o) => o.from <= i).sort((a, b) => compareText(a.platform, b.platform));
    const kin = reachable.filter((o) => listed.some((p) => family(p) === family(o.platform)));
    const names = listed.length === 0 ? "no platform" : listed.join(", ");
    const fix =
      kin.length > 0
        ? `The plan's ${kin.map((o) => `${o.platform} policies (such as ${o.label})`).join(" and ")} are another platform name: add ${kin.map((o) => o.platform).join(", ")} to platforms.`
        : reachable.length > 0
          ? `By this phase the plan has phased policies of ${reachable.map((o) => o.platform).join(", ")} only: list those platforms, or move the wave after the policies' first phase.`
          : "No phased policy is assigned by this phase yet: move the wave after the policies' first phase (their assignment.from), or remove it.";
    out.push(
      diagnostic("IP121", {
        path: ["phases", i, "platforms"],
        message: `phase ${phase.key} is limited to ${names}, and no phased policy of ${listed.length === 1 ? "that platform" : "those platforms"} is assigned from ${phase.key} or earlier: the wave assigns its audience nothing`,
        hint: `A wave assigns the phased policies whose platform it lists, by exact name. ${fix}`,
      }),
    );
  });

  for (const o of objects) {
    if (o.hasInclude || Math.max(lastOpen, lastCover.get(o.platform) ?? -1) >= o.from) continue;
    const first = plan.phases[o.from]?.key ?? "";
    const sibling = [...lastCover.entries()].find(([p, last]) => last >= o.from && family(p) === family(o.platform));
    const siblingPhase = sibling === undefined ? undefined : plan.phases[sibling[1]];
    out.push(
      diagnostic("IP122", {
        path: o.path,
        message: `${o.label} (platform ${o.platform}) is phased from ${first}, but every phase from ${first} on is limited to other platforms: no phase ever assigns it`,
        hint:
          sibling && siblingPhase
            ? `Phase ${siblingPhase.key} lists ${sibling[0]}, which is not ${o.platform}: add ${o.platform} to its platforms.`
            : `Add ${o.platform} to the platforms of a phase from ${first} on, or target the policy explicitly (assignment.include, or rollout: fixed).`,
        ...(sibling && siblingPhase
          ? { related: [{ message: `platforms of ${siblingPhase.key}`, path: ["phases", sibling[1], "platforms"] }] }
          : {}),
      }),
    );
  }
  return out;
}
