// The closed catalogue of diagnostic codes: severity, a short title (SARIF rule name) and a default fix hint.
// Codes are stable: never renumber; retire a code by leaving it here with `retired: true`.

export interface CodeEntry {
  readonly severity: "error" | "warning";
  readonly title: string;
  readonly hint?: string;
}

export const CODES = {
  IP001: { severity: "error", title: "YAML syntax error", hint: "Fix the YAML syntax at the marked position." },
  IP002: { severity: "error", title: "Unreadable plan file", hint: "Plan files must be UTF-8 text without NUL bytes." },
  IP003: {
    severity: "error",
    title: "Plan file exceeds safety limits",
    hint: "Plan files are limited in size, nesting depth and alias expansion; split or simplify the file.",
  },
  IP004: { severity: "error", title: "Duplicate YAML key", hint: "Remove or rename one of the duplicate keys." },
  IP005: {
    severity: "error",
    title: "No plan files",
    hint: "Point the command at a folder containing *.yaml plan files, or at plan files directly.",
  },
  IP006: {
    severity: "error",
    title: "Unsupported %YAML directive",
    hint: "intune-plan reads YAML 1.2: write `%YAML 1.2` once before `---`, or remove the directive.",
  },
  IP007: {
    severity: "warning",
    title: "Other YAML minor version",
    hint: "The file is read as YAML 1.2; write `%YAML 1.2`, or remove the directive.",
  },
  IP010: { severity: "error", title: "Unknown plan key" },
  IP011: { severity: "error", title: "Wrong value type" },
  IP012: { severity: "error", title: "Missing required field" },
  IP013: { severity: "error", title: "Invalid value" },
  IP020: { severity: "error", title: "Unknown Graph property" },
  IP021: { severity: "error", title: "Wrong Graph value type" },
  IP022: { severity: "error", title: "Invalid Graph enum value" },
  IP023: {
    severity: "error",
    title: "Server-owned Graph property",
    hint: "Remove it: Graph computes this property and does not accept it in a request body.",
  },
  IP024: {
    severity: "error",
    title: "Secret written as a literal",
    hint: "Write secrets as references, e.g. `preSharedKey: { secret: WIFI_PSK }`, and provide the value through Pulumi secret config or the environment.",
  },
  IP025: { severity: "error", title: "Invalid settings-catalog setting" },
  IP026: {
    severity: "error",
    title: "Setting outside its documented range",
    hint: "Microsoft's Graph types document the values this property accepts; Graph refuses the others. Pick a value in the range.",
  },
  IP030: { severity: "error", title: "Duplicate object key", hint: "Keys must be unique within a section across all plan files." },
  IP031: {
    severity: "error",
    title: "Duplicate displayName",
    hint: "Graph matches objects by displayName when there is no state; give each object a unique displayName.",
  },
  IP033: {
    severity: "error",
    title: "Invalid former key",
    hint: "renamedFrom lists keys the object had before in the same section; remove the entry, or the object that still uses that key.",
  },
  IP032: { severity: "error", title: "Dangling reference" },
  IP034: { severity: "error", title: "Phases defined twice", hint: "Define the rollout phases in exactly one plan file." },
  IP040: { severity: "error", title: "Invalid membership rule" },
  IP041: {
    severity: "error",
    title: "Membership rule mixes users and devices",
    hint: "A dynamic group contains either users or devices; split the rule into two groups.",
  },
  IP043: { severity: "error", title: "Group member type disagrees with its rule" },
  IP044: { severity: "error", title: "Group membership inconsistent" },
  IP045: {
    severity: "warning",
    title: "Rule names an unknown enrollment category",
    hint: "Define the category under enrollmentCategories or fix the name; renaming a category silently breaks rules that use it.",
  },
  IP046: {
    severity: "error",
    title: "Invalid mailNickname",
    hint: 'mailNickname is at most 64 ASCII characters without spaces or any of @ ( ) \\ [ ] " ; : . < > ,.',
  },
  IP047: { severity: "error", title: "Invalid filter rule" },
  IP050: {
    severity: "error",
    title: "Phase dates out of order",
    hint: "Phases run in the order listed; each phase must start on or after the previous one.",
  },
  IP051: {
    severity: "error",
    title: "Group in two phases",
    hint: "Each group belongs to one phase of the rollout (unless the phases cover different platforms).",
  },
  IP052: {
    severity: "error",
    title: "Pilot audience includes executives or VIPs",
    hint: "Pilot users must not be executives or VIPs; move the group to a production phase.",
  },
  IP053: { severity: "error", title: "Invalid phase reference" },
  IP054: {
    severity: "warning",
    title: "Include group joins a phased rollout ahead of its phase",
    hint: "A phased object reaches each phase's audience when that phase comes; naming a later phase's group in include hands it the object from the object's first phase on. Remove it from include, or use rollout: fixed.",
  },
  IP055: {
    severity: "warning",
    title: "Phase size disagrees with its groups' sizes",
    hint: "A phase's users is the number of people it reaches; align it with its audience groups' memberList or estimatedMembers (or fix those), so risk summaries and the calendar count the right people.",
  },
  IP056: {
    severity: "error",
    title: "Measurable goal without exactly one threshold",
    hint: "A measurable goal says where the line is: give atLeast (the figure must reach it) or atMost (the figure must stay under it), not both.",
  },
  IP057: {
    severity: "error",
    title: "Goal threshold outside its metric's range",
    hint: "Shares (compliantDevices, enrolledUsers, successRate) run from 0 to 1, e.g. 0.95 for 95 %; counts (errors, conflicts, pendingDevices) are whole numbers of devices.",
  },
  IP058: {
    severity: "error",
    title: "Phase size criterion without a phase size",
    hint: "sizeTolerance and an enrolledUsers goal compare enrolled users with the phase's users: give the phase users: N.",
  },
  IP060: {
    severity: "error",
    title: "Group both included and excluded",
    hint: "Intune applies the exclusion and the inclusion has no effect; remove one of them.",
  },
  IP061: { severity: "error", title: "Filter platform does not match the policy" },
  IP062: { severity: "error", title: "Wrong target type for this kind" },
  IP063: { severity: "error", title: "Filter management type does not match the policy" },
  IP064: {
    severity: "warning",
    title: "Mixed user and device groups in include and exclude",
    hint: "Intune does not support excluding device groups from a user-group assignment (or the reverse); use groups of one type or an assignment filter.",
  },
  IP065: { severity: "error", title: "Virtual group not allowed here" },
  IP066: {
    severity: "error",
    title: "filterMode without a filter",
    hint: "filterMode says whether the filter includes or excludes the devices it matches; add filter: <key>, or remove filterMode.",
  },
  IP070: { severity: "error", title: "Setting of another platform" },
  IP071: { severity: "error", title: "Profile type not available on this platform" },
  IP072: { severity: "warning", title: "Settings-catalog setting looks like another platform's" },
  IP080: {
    severity: "error",
    title: "Compliance policy without a block action",
    hint: "Add `- action: block` (optionally with graceHours): Graph rejects compliance policies without exactly one block action.",
  },
  IP081: { severity: "error", title: "More than one block action", hint: "Graph accepts exactly one block action per compliance policy." },
  IP082: {
    severity: "error",
    title: "Notification action without a valid template",
    hint: "A notification action emails a notification message template: set template to the key of a template under notificationTemplates, or to the id (a GUID) of a template the plan does not manage.",
  },
  IP083: {
    severity: "warning",
    title: "Email fields on an action that sends no email",
    hint: "Only notification actions send email; remove template and cc from this action, or make it a notification.",
  },
  IP090: {
    severity: "error",
    title: "Setting conflict",
    hint: "Intune has no policy hierarchy: two configuration policies (profiles, settings catalog, endpoint security policies, security baselines) that set one setting to different values for the same devices conflict, and the setting may not apply at all. Align the values, or make the targets disjoint.",
  },
  IP091: {
    severity: "warning",
    title: "Redundant duplicate setting",
    hint: "Both policies set the same value for overlapping targets; keep it in one policy.",
  },
  IP100: { severity: "error", title: "Unknown app" },
  IP105: {
    severity: "error",
    title: "Enrollment restriction priority clash",
    hint: "Each custom enrollment restriction needs a unique priority (1 is the highest).",
  },
  IP110: { severity: "error", title: "Unknown Intune resource action" },
  IP120: { severity: "warning", title: "Next phase starts before the gate's soak ends" },
  IP121: { severity: "warning", title: "Platform wave assigns no policy" },
  IP122: { severity: "error", title: "Phased policy no phase ever assigns" },
  IP123: { severity: "error", title: "Gate that can never pass" },
  IP124: { severity: "warning", title: "Gate criterion that can never fail" },
  IP130: {
    severity: "error",
    title: "Member list on a dynamic group",
    hint: "A dynamic group's rule decides its members; Graph refuses members added by hand. Remove memberList, or set membership: assigned.",
  },
  IP131: {
    severity: "error",
    title: "Not a userPrincipalName",
    hint: "A user group lists its members by userPrincipalName, e.g. ada.lovelace@contoso.com (at most 113 characters, at most 64 before the @).",
  },
  IP132: {
    severity: "warning",
    title: "Member listed twice",
    hint: "Each member joins the group once; remove the repeated entry (names compare without regard to case).",
  },
  IP133: { severity: "error", title: "Member of the wrong type for the group" },
  IP170: {
    severity: "error",
    title: "Unknown Linux compliance setting",
    hint: "Linux compliance takes the settings catalog's linux_* compliance settings (linux_deviceencryption_required, linux_passwordpolicy_minimumlength, linux_distribution_alloweddistros, …).",
  },
  IP171: { severity: "error", title: "Wrong value for a Linux compliance setting" },
  IP172: {
    severity: "error",
    title: "Compliance settings in the wrong form for the platform",
    hint: "Classic compliance settings are Graph properties (a mapping); only Linux compliance takes a settings-catalog list.",
  },
  IP160: {
    severity: "error",
    title: "Unknown Windows feature update version",
    hint: 'A feature update profile names one of the releases Intune offers, e.g. featureUpdateVersion: "Windows 11, version 24H2".',
  },
  IP161: { severity: "error", title: "Update profile day count out of range" },
  IP162: {
    severity: "error",
    title: "Update profile is missing what its type needs",
    hint: "A feature profile needs featureUpdateVersion, a quality profile expeditedUpdateSettings.qualityUpdateRelease, a driver profile approvalType.",
  },
  IP163: { severity: "error", title: "Update date is not a UTC date or ends before it starts" },
  IP164: {
    severity: "warning",
    title: "Driver deferral without automatic approval",
    hint: "deploymentDeferralInDays applies only when approvalType is automatic; remove it, or set approvalType: automatic.",
  },
  IP165: {
    severity: "warning",
    title: "Update profile targets a group of non-Windows devices",
    hint: "Update profiles reach Windows devices only; target a group whose rule selects Windows devices.",
  },
  IP150: {
    severity: "error",
    title: "Notification template without a default message",
    hint: "Mark exactly one message `default: true`: Intune sends it to users whose language has no message of its own.",
  },
  IP151: {
    severity: "error",
    title: "Notification template with more than one default message",
    hint: "Keep `default: true` on one message only: Graph holds one default locale per template and moves it to the last one set.",
  },
  IP152: {
    severity: "error",
    title: "Notification message locale is not a language tag",
    hint: "Name each message by its locale in lower case, language-region, as Intune does: en-us, de-de, fr-ca.",
  },
  IP140: {
    severity: "error",
    title: "Tenant setting defined twice",
    hint: "A tenant has one of each (tenantSettings.compliance, one cleanup rule per platform): define it in one plan file.",
  },
  IP141: {
    severity: "error",
    title: "Compliance validity period out of range",
    hint: "Intune accepts a compliance status validity period of 1 to 120 days.",
  },
  IP142: {
    severity: "error",
    title: "Device cleanup days out of range",
    hint: "Intune removes devices after 30 to 270 days without a check-in (GRAPH-NOTES §9.3).",
  },
  IP200: {
    severity: "error",
    title: "Device name template longer than 15 characters",
    hint: "Windows device names have at most 15 characters: count the fixed text plus x for each %RAND:x% (%SERIAL% is not counted).",
  },
  IP201: {
    severity: "error",
    title: "Invalid device name template",
    hint: "Use letters, digits and hyphens, with the macros %SERIAL% or %RAND:x% (x digits); no spaces, not digits only.",
  },
  IP202: {
    severity: "error",
    title: "Device name template on a hybrid-joined profile",
    hint: "Hybrid-joined devices are named by the domain join configuration profile; remove deviceNameTemplate or use join: entra.",
  },
  IP203: {
    severity: "error",
    title: "Phased Autopilot profile that targets no device group",
    hint: "Phase audiences are people and Autopilot profiles target devices: list the device groups in assignment.include (they join from the profile's first phase on).",
  },
  IP204: {
    severity: "error",
    title: "Blocking app is not an app id",
    hint: "List the ids (GUIDs) of the required apps the device installs before use, or say blockingApps: all.",
  },
  IP205: { severity: "error", title: "Duplicate enrollment status page priority" },
  IP210: {
    severity: "error",
    title: "Cloud app is not an app id",
    hint: "Name cloud apps as all, office365 or adminPortals, or by their application id (a GUID).",
  },
  IP211: {
    severity: "warning",
    title: "Conditional Access policy for all users without an exclusion",
    hint: "A policy that requires controls of every user can lock out the administrators who would fix it: exclude the break-glass accounts' group (assignment.exclude).",
  },
  IP212: {
    severity: "warning",
    title: "Conditional Access policy blocks all users",
    hint: "Blocking every user locks out everyone but the excluded: target the groups that must be blocked, or require controls instead of block.",
  },
  IP213: {
    severity: "error",
    title: "Block combined with other grant controls",
    hint: "A policy either blocks access or grants it with controls: make block the only control, or remove it.",
  },
  IP214: {
    severity: "error",
    title: "Conditional Access policy both on and enforced from a phase",
    hint: "enforceFrom turns the policy on from that phase; state is its state before it (reportOnly or off). Remove one of them.",
  },
  IP215: {
    severity: "error",
    title: "Assignment filter on a Conditional Access policy",
    hint: "Conditional Access applies to users as they sign in, narrowed by its own conditions, not by Intune assignment filters: remove filter (and filterMode).",
  },
  // Settings-catalog settings against the plan folder's setting-definitions snapshot (validate/setting-definitions.ts).
  IP220: {
    severity: "error",
    title: "Unknown setting definition",
    hint: "Use a settingDefinitionId the settings catalog has (the plan folder's setting-definitions.json lists them); refresh the snapshot with intune-plan definitions if the tenant has newer ones.",
  },
  IP221: { severity: "error", title: "Not an option of the setting" },
  IP222: { severity: "error", title: "Wrong value type for the setting" },
  IP223: { severity: "error", title: "Setting value outside the definition's bounds" },
  IP224: { severity: "error", title: "Setting of another platform or policy kind" },
  IP225: {
    severity: "error",
    title: "Unusable setting-definitions snapshot",
    hint: "Write it again with intune-plan definitions --out setting-definitions.json, or remove the file (settings are then not checked against definitions).",
  },
  IP226: { severity: "error", title: "Child setting its parent does not take" },
  // Apps (S17; validate/apps.ts, kinds/mobile-app.ts).
  IP230: {
    severity: "error",
    title: "App without a property its type needs",
    hint: "Add the property under settings: Graph cannot create (or the plan cannot find) the app without it.",
  },
  IP231: {
    severity: "error",
    title: "Referenced app states what the plan does not own",
    hint: "Managed Google Play and line-of-business apps are made elsewhere: the plan states only their name and identity (package or bundle id, file name, version) and assigns them; remove description, publisher, scope tags and other settings.",
  },
  IP232: {
    severity: "error",
    title: "Intent the targets cannot take",
    hint: "Available and available-without-enrollment assignments go to user groups (memdocs apps-deploy: the Available intent is not supported for device groups, except Win32 apps and Android Enterprise corporate devices).",
  },
  IP233: {
    severity: "error",
    title: "Group with two intents for one app",
    hint: "Intune keeps one intent per group and app: a group that must lose the app gets uninstall and no other intent; exclude it from the required assignment.",
  },
  IP234: {
    severity: "error",
    title: "Assignment settings the app type does not take",
    hint: "Only WinGet, iOS store, managed Google Play, iOS LOB and Win32 apps have assignment settings in Graph; remove settings from the assignment.",
  },
  IP235: {
    severity: "error",
    title: "Assignment filter on a web link",
    hint: "A web link has no device platform for a filter to match (UNCONFIRMED that Intune evaluates one): remove filter (and filterMode), or target a narrower group.",
  },
  // IP260–IP269: how Intune resolves one setting several policies set (plan/setting-resolution.ts cites the rules).
  IP260: {
    severity: "warning",
    title: "Setting merged across policies",
    hint: "Intune merges this setting (Defender Antivirus exclusions, attack surface reduction rules, device control lists, firewall rules): the device gets the union of the policies' lists. Check that the merged result is what you mean, or keep the list in one policy.",
  },
  IP261: {
    severity: "warning",
    title: "Compliance setting resolved to the most restrictive value",
    hint: "When compliance policies that reach one device disagree on a setting, Intune evaluates the most restrictive value. Set the value the device must meet in one policy, or align the values, so that the plan states what is enforced.",
  },
  // Template-based settings-catalog policies (endpoint security, security baselines): validate/policy-templates.ts.
  IP250: {
    severity: "error",
    title: "Unknown policy template",
    hint: "Use a templateId the tenant has (the plan folder's policy-templates.json lists those intune-plan definitions read); refresh the snapshot with intune-plan definitions.",
  },
  IP251: {
    severity: "error",
    title: "Template family does not match the template",
    hint: "family is Graph's templateFamily of the template (endpointSecurityAntivirus, baseline, …): write the family the template id belongs to.",
  },
  IP252: {
    severity: "error",
    title: "Setting not in the policy's template",
    hint: "A template-based policy holds only the settings its template has; move the setting to a plain settings-catalog policy.",
  },
  IP253: { severity: "error", title: "Policy platform or technologies differ from its template's" },
  IP254: {
    severity: "warning",
    title: "Newer template version available",
    hint: "Intune offers a newer version of this template: review the new version's settings and move the policy to it (a new templateId) when ready.",
  },
  IP255: {
    severity: "error",
    title: "Unusable policy-templates snapshot",
    hint: "Write it again with intune-plan definitions, or remove the file (template-based policies are then not checked against their templates).",
  },
  IP256: {
    severity: "error",
    title: "Template on a profile that is not a settings-catalog policy",
    hint: "Only profile: settingsCatalog policies are made from templates; remove template.",
  },
  IP180: {
    severity: "error",
    title: "Assignment filter on terms and conditions",
    hint: "Terms and conditions are assigned to user groups without a filter; remove filter (and filterMode).",
  },
  IP190: {
    severity: "error",
    title: "Script file not found",
    hint: "Script paths are relative to the YAML file that names them; check the spelling and that the .ps1 file is in the plan folder.",
  },
  IP191: {
    severity: "error",
    title: "Script file outside the plan folder",
    hint: "Keep script files in the plan folder (e.g. scripts/name.ps1 next to the YAML file); a path may not leave it with .. or an absolute path or a symlink.",
  },
  IP192: {
    severity: "error",
    title: "Remediation schedule incomplete",
    hint: "daily needs time (HH:MM); once needs date and time; hourly takes only interval.",
  },
  // App configuration for managed apps (validate/app-configuration.ts).
  IP240: {
    severity: "warning",
    title: "App setting for an app the policy does not target",
    hint: "An app reads only its own keys (com.microsoft.outlook.* is Outlook's, com.microsoft.intune.mam.managedbrowser.* is Edge's): add the app to apps, or move the setting to a policy that targets it.",
  },
  IP241: {
    severity: "error",
    title: "App configuration for an app of another platform or kind",
    hint: "An iOS configuration is for iOS store or line-of-business apps; an Android Enterprise (androidForWork) one is for managed Google Play apps (Graph androidManagedStoreAppConfiguration).",
  },
  IP242: {
    severity: "error",
    title: "Plan field written as a Graph setting",
    hint: "Name the configured apps under apps (keys of the apps section), and the name and description as displayName and description: they are compiled into targetedMobileApps and the policy's own properties.",
  },
} as const satisfies Record<string, CodeEntry>;

export type DiagnosticCode = keyof typeof CODES;

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.hasOwn(CODES, value);
}
