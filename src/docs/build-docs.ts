// `intune-plan docs`: the typed plan → PlanDocs (docs-model.ts), the whole plan as documentation for auditors and
// help desks. Built from what the other stages already decide: the compiler's @odata.type per object, the targets it
// assigns per phase (targets.ts), the settings the conflict check compares (explain/object-settings.ts) and the
// calendar's running user totals (reports/calendar.ts). Pure: no I/O, no clock; same plan, same document.
import type { DefinitionsSnapshot } from "../graph-model/setting-definitions.ts";
import { compile } from "../compile/compile.ts";
import { audienceOf } from "../diff/audience.ts";
import { showValue } from "../diff/show-value.ts";
import { objectSettings } from "../explain/object-settings.ts";
import type { Json } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import { isSecretRef } from "../graph-model/secrets.ts";
import type { KeyedSection, Plan } from "../plan/schema.ts";
import { ASSIGNABLE_SECTIONS, KEYED_SECTION_NAMES } from "../plan/schema.ts";
import { assignableObjects } from "../plan/targets.ts";
import { rolloutCalendar } from "../reports/calendar.ts";
import type { DocObject, DocPhase, DocRef, DocSection, DocSetting, PlanDocs } from "./docs-model.ts";
import { objectFacts } from "./object-facts.ts";
import { objectReach } from "./object-reach.ts";
import { ownersOf } from "./owners.ts";
import { graphDescription } from "./setting-descriptions.ts";

const SECTION_TEXT: Readonly<Record<KeyedSection, readonly [string, string]>> = {
  groups: ["Groups", "Entra ID groups: phase audiences, assignment targets and admin groups."],
  scopeTags: ["Scope tags", "Scope tags: which admins see which objects."],
  roleDefinitions: ["Role definitions", "Custom Intune roles and the actions they allow."],
  roles: ["Role assignments", "Who administers what: admin groups, their role, the groups they manage and their scope tags."],
  enrollmentCategories: ["Enrollment categories", "Device categories users pick at enrollment."],
  filters: ["Assignment filters", "Device filters that narrow an assignment at check-in."],
  compliance: ["Compliance policies", "What a device must meet to count as compliant, and what happens when it does not."],
  configuration: ["Configuration profiles", "Device configuration: template profiles and settings-catalog policies."],
  appProtection: ["App protection policies", "Data protection inside managed apps on iOS and Android."],
  enrollmentRestrictions: ["Enrollment restrictions", "Which devices may enroll, per platform, in priority order."],
  autopilot: ["Autopilot profiles", "How new Windows devices set themselves up: join type, device names, the out-of-box experience."],
  enrollmentStatusPages: ["Enrollment status pages", "What a new Windows device waits for before its user can use it."],
  updates: ["Windows update profiles", "Feature, expedited quality and driver updates, beside the update rings."],
  notificationTemplates: ["Notification templates", "The emails compliance policies send, per language."],
  termsAndConditions: ["Terms and conditions", "Terms users accept in the Company Portal before they get access."],
  scripts: ["Platform scripts", "PowerShell scripts the Intune management extension runs on Windows devices."],
  remediations: ["Remediations", "Detection and remediation script pairs that run on a schedule."],
  approvalPolicies: ["Approval policies", "Changes that need a second admin's approval (multiple admin approval)."],
  conditionalAccess: [
    "Conditional Access",
    "Entra sign-in policies: what access to cloud apps requires (a compliant device, app protection, MFA), per phase.",
  ],
  appConfiguration: ["App configuration policies", "Settings delivered to managed apps on iOS and Android, with or without enrollment."],
  deviceAppConfiguration: [
    "App configuration for managed devices",
    "Settings delivered through MDM to apps Intune deploys on enrolled devices.",
  ],
  apps: ["Apps", "Apps Intune deploys (required, available or uninstalled), and the store and line-of-business apps the plan assigns."],
};

const ASSIGNABLE: ReadonlySet<string> = new Set(ASSIGNABLE_SECTIONS);

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Plan values are YAML data, so JSON already; `undefined` holes (none after zod) read as null. */
const asJson = (v: unknown): Json => JSON.parse(JSON.stringify(v ?? null)) as Json;

/**
 * The portal's name of a settings-catalog setting and of its chosen option, from the plan folder's setting-definitions
 * snapshot (graph-model/setting-definitions.ts); null where the snapshot does not know the id.
 */
function portalName(definitions: DefinitionsSnapshot | undefined, id: string, value: unknown): string | null {
  const d = definitions?.definitions[id];
  if (!d) return null;
  const option =
    d.value.type === "choice" && typeof value === "string" ? d.value.options.find((o) => o.id === value)?.displayName : undefined;
  return option === undefined ? d.displayName : `${d.displayName}: ${option}`;
}

function settingsOf(
  plan: Plan,
  definitions: DefinitionsSnapshot | undefined,
  section: KeyedSection,
  key: string,
  platform: string,
): DocSetting[] {
  if (!ASSIGNABLE.has(section)) return [];
  const sets = objectSettings(plan, { section: section as (typeof ASSIGNABLE_SECTIONS)[number], key, platform, assignment: undefined });
  return sets.map((s) => ({
    setting: s.setting,
    portalName: s.id.startsWith("catalog:") ? portalName(definitions, s.setting, s.value) : null,
    appliesTo: s.appliesTo,
    description: s.id.startsWith("catalog:") || s.id.startsWith("enrollment:") ? null : graphDescription(s.appliesTo, s.setting),
    value: showValue(asJson(s.value), [s.setting], 200),
    secret: isSecretRef(s.value) ? s.value.secret : null,
  }));
}

function dayAfter(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function gateWords(gate: Plan["phases"][number]["gate"]): string[] {
  if (!gate) return [];
  const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
  return [
    ...(gate.soakDays === undefined ? [] : [`soak ${gate.soakDays} days`]),
    ...(gate.minSuccessRate === undefined ? [] : [`success rate ≥ ${pct(gate.minSuccessRate)} per policy`]),
    ...(gate.maxErrors === undefined ? [] : [`at most ${gate.maxErrors} failed devices per policy`]),
    ...(gate.maxConflicts === undefined ? [] : [`at most ${gate.maxConflicts} devices in conflict per policy`]),
    ...(gate.sizeTolerance === undefined ? [] : [`enrolled users within ${pct(gate.sizeTolerance)} of the expected`]),
  ];
}

function phasesOf(plan: Plan, objects: readonly DocObject[]): DocPhase[] {
  const calendar = rolloutCalendar(plan);
  return plan.phases.map((p, i) => {
    const assigned = objects.filter((o) => o.reach?.[i]?.assigned === true).map((o) => o.address);
    const before = new Set(i === 0 ? [] : objects.filter((o) => o.reach?.[i - 1]?.assigned === true).map((o) => o.address));
    const nextStart = plan.phases.slice(i + 1).find((n) => n.start !== undefined)?.start;
    const end =
      p.start === undefined ? null : nextStart !== undefined && nextStart > p.start ? nextStart : dayAfter(p.start, p.gate?.soakDays ?? 14);
    return {
      key: p.key,
      anchor: `phase-${p.key}`,
      displayName: p.displayName,
      description: p.description ?? null,
      start: p.start ?? null,
      end,
      enrollment: p.enrollment ?? null,
      pilot: p.pilot === true,
      audience: p.audience.map((g) => ({ address: `groups.${g}`, displayName: plan.groups[g]?.displayName ?? g })),
      users: p.users ?? null,
      cumulativeUsers: calendar[i]?.cumulativeUsers ?? 0,
      gate: gateWords(p.gate),
      goals: (p.goals ?? []).map((g) => (typeof g === "string" ? g : g.text)),
      assigned,
      newlyAssigned: assigned.filter((a) => !before.has(a)),
    };
  });
}

/**
 * The plan as documentation. `plan` must have passed the gate (no errors): the compiler's output names each
 * object's @odata.type. Sections without objects are left out; objects are in plan order within a section.
 */
/** `definitions`: the plan folders' setting-definitions snapshot (CheckedPlan), for the portal's setting names. */
export function buildDocs(plan: Plan, definitions?: DefinitionsSnapshot): PlanDocs {
  const compiled = new Map(compile(plan, undefined).objects.map((o) => [o.address, o]));
  const audience = audienceOf(plan);
  const assignable = new Map(assignableObjects(plan).map((o) => [`${o.section}.${o.key}`, o]));
  const sections: DocSection[] = [];
  for (const section of KEYED_SECTION_NAMES) {
    const entries = Object.entries(plan[section] as Readonly<Record<string, unknown>>);
    if (entries.length === 0) continue;
    const objects = entries.map(([key, raw]): DocObject => {
      const address = `${section}.${key}`;
      const value = isMap(raw) ? raw : {};
      const tags = Array.isArray(value["scopeTags"]) ? (value["scopeTags"] as string[]) : [];
      const target = assignable.get(address);
      const odataType = compiled.get(address)?.odataType ?? null;
      return {
        address,
        key,
        anchor: `${section}-${key}`,
        displayName: typeof value["displayName"] === "string" ? value["displayName"] : key,
        description: typeof value["description"] === "string" ? value["description"] : null,
        odataType: odataType === null ? null : shortType(odataType),
        facts: objectFacts(plan, section, key),
        settings: settingsOf(plan, definitions, section, key, typeof value["platform"] === "string" ? value["platform"] : ""),
        scopeTags: tags.map((t): DocRef => ({ address: `scopeTags.${t}`, displayName: plan.scopeTags[t]?.displayName ?? t })),
        owners: ownersOf(plan, section, key, tags),
        reach: target ? objectReach(plan, target, audience) : null,
      };
    });
    const [title, summary] = SECTION_TEXT[section];
    sections.push({ section, title, summary, file: `${section}.md`, objects });
  }
  return {
    formatVersion: "1",
    plan: plan.name,
    phases: phasesOf(
      plan,
      sections.flatMap((s) => s.objects),
    ),
    sections,
  };
}
