// What `intune-plan docs` documents: the whole plan, per section and per object, with who each object reaches in
// each phase. Plain JSON-only data (DESIGN §1); the Markdown and HTML renderers read only this. Values are already
// shown as people may see them: a secret reference by its name only (diff/show-value.ts), never its value.
import type { KeyedSection } from "../plan/schema.ts";

/** A reference to another plan object: its address (`groups.it-pilot`) and its display name. */
export interface DocRef {
  readonly address: string;
  readonly displayName: string;
}

/** One fact about an object that is not a Graph setting (membership rule, platform, role, …). */
export interface DocFact {
  readonly label: string;
  readonly value: string;
}

/** One setting the object sets, under its Graph name (property, settingDefinitionId or restriction field). */
export interface DocSetting {
  readonly setting: string;
  /**
   * The Intune portal's name of a settings-catalog setting (and of its chosen option), from the plan folder's
   * setting-definitions snapshot; null for other settings and ids the snapshot does not know.
   */
  readonly portalName: string | null;
  /** What the name belongs to: the short `@odata.type`, `settings catalog (windows)`, `enrollment restriction (…)`. */
  readonly appliesTo: string;
  /**
   * Microsoft's description of the Graph property (from the published beta typings' doc comments), or null: settings
   * catalog ids (see portalName) and enrollment-restriction fields have none.
   */
  readonly description: string | null;
  /** The value as shown to people (show-value.ts): a secret reference reads `«secret NAME»`. */
  readonly value: string;
  /** The reference name when the value is a secret reference, else null. */
  readonly secret: string | null;
}

/** A group an assignment includes in a phase, with its size as far as the plan can tell (diff/audience.ts). */
export interface DocGroupReach extends DocRef {
  readonly members: "users" | "devices";
  /** Estimated members (users or devices, as `members` says), or null when the plan does not say. */
  readonly estimated: number | null;
  /** Where the estimate comes from: `memberList`, `estimatedMembers`, `phase` (its share of the phase's users), `unknown`. */
  readonly basis: string;
  /** The phase (key) whose audience brings the group in, or null when the assignment includes it itself. */
  readonly via: string | null;
}

/** Who one assignable object reaches while one phase is active. */
export interface DocReach {
  /** The active phase's key, or null when the plan has no phases (then there is one entry). */
  readonly phase: string | null;
  /** False while the object's first phase has not come: it exists in the tenant, unassigned. */
  readonly assigned: boolean;
  readonly groups: readonly DocGroupReach[];
  /** `allUsers` / `allDevices` targets. */
  readonly virtual: readonly string[];
  readonly exclude: readonly DocRef[];
  readonly filter: (DocRef & { readonly mode: "include" | "exclude"; readonly platform: string }) | null;
  /**
   * Users reached before exclusions and filters: the sum of the included user groups' estimates, or every phase's
   * users for allUsers. Null when no included target counts users (device groups, allDevices only, unassigned).
   */
  readonly estimatedUsers: number | null;
  /** False when some included user group has no estimate, so `estimatedUsers` is a lower bound. */
  readonly estimateComplete: boolean;
  /** Groups (addresses) that join in this phase, compared with the phase before. */
  readonly added: readonly string[];
}

/** A role assignment whose scope covers the object: its admins may manage it. */
export interface DocOwner extends DocRef {
  readonly role: string;
  readonly admins: readonly DocRef[];
  /** Why it covers the object: `scope tag <key>`, `Default scope tag`, `scope group <key>` or `scope <all…>`. */
  readonly via: string;
}

export interface DocObject {
  /** `<section>.<key>`, as the compiler names it. */
  readonly address: string;
  readonly key: string;
  /** The HTML and Markdown anchor: `<section>-<key>` (keys are [a-z0-9-], so it needs no escaping). */
  readonly anchor: string;
  readonly displayName: string;
  readonly description: string | null;
  /** The Graph `@odata.type` (short) it compiles to, or null for kinds without one. */
  readonly odataType: string | null;
  readonly facts: readonly DocFact[];
  readonly settings: readonly DocSetting[];
  /** Scope tags the object carries; objects that carry none get Intune's Default tag (then this is empty). */
  readonly scopeTags: readonly DocRef[];
  readonly owners: readonly DocOwner[];
  /** Per phase, in rollout order; null for objects without assignments (groups, filters, roles, …). */
  readonly reach: readonly DocReach[] | null;
}

export interface DocSection {
  readonly section: KeyedSection;
  readonly title: string;
  /** One sentence saying what the section holds. */
  readonly summary: string;
  /** The Markdown file this section is written to (`compliance.md`). */
  readonly file: string;
  readonly objects: readonly DocObject[];
}

export interface DocPhase {
  readonly key: string;
  readonly anchor: string;
  readonly displayName: string;
  readonly description: string | null;
  readonly start: string | null;
  /** When the window closes: the next dated phase's start, else start + the gate's soak days (14 without a gate). */
  readonly end: string | null;
  readonly enrollment: string | null;
  readonly pilot: boolean;
  readonly audience: readonly DocRef[];
  /** The phase's expected users (`users`), and the running total over the phases so far. */
  readonly users: number | null;
  readonly cumulativeUsers: number;
  /** The gate, in words (`soak 10 days`, `success rate ≥ 95%`, …). */
  readonly gate: readonly string[];
  readonly goals: readonly string[];
  /** Objects assigned in this phase (addresses), and those that first become assigned in it. */
  readonly assigned: readonly string[];
  readonly newlyAssigned: readonly string[];
}

/** The whole plan as documentation; Markdown and HTML are views of it. */
export interface PlanDocs {
  readonly formatVersion: "1";
  readonly plan: string;
  readonly phases: readonly DocPhase[];
  /** Sections with at least one object, in the plan language's order. */
  readonly sections: readonly DocSection[];
}
