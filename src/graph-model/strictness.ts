// Which compliance, app-protection, enrollment-restriction, Windows update profile and tenant compliance settings are
// weaker after a change. One table of rules by property name (names are the Graph properties the plan sets), plus
// name patterns for the families of compliance booleans Graph names consistently. "Not set" counts as Graph's
// default, which is the weakest value. It lives below the plan language because two layers ask it: the diff
// (diff/relaxation.ts: is a change a weakening?) and the conflict check (plan/setting-resolution.ts: which of two
// compliance values is the most restrictive, the one Intune applies).
import type { Json } from "./json.ts";
import { isEmptyValue, isPlainObject } from "./json.ts";
import { LINUX_RELAXATION } from "./linux-compliance-settings.ts";
import { FEATURE_UPDATE_VERSIONS } from "./vocabulary.ts";

/** The kinds (kinds/index.ts `Kind` words) whose settings have strictness rules; any other kind has none. */
export type StrictnessKind =
  | "catalogCompliancePolicy"
  | "compliancePolicy"
  | "appProtectionPolicy"
  | "enrollmentRestriction"
  | "enrollmentStatusPage"
  | "updateProfile"
  | "tenantSettings"
  | "conditionalAccessPolicy";

type Rule =
  | { readonly kind: "trueIsStricter" }
  | { readonly kind: "falseIsStricter" }
  | { readonly kind: "higherIsStricter"; readonly what: string }
  /** Maximums where 0 or not set means "no limit". */
  | { readonly kind: "lowerIsStricter"; readonly what: string }
  | { readonly kind: "versionHigherIsStricter" }
  | { readonly kind: "versionLowerIsStricter" }
  | { readonly kind: "shorterIsStricter" }
  /** Strictest first; an unlisted or missing value is the weakest. */
  | { readonly kind: "order"; readonly values: readonly string[] }
  /** A compliance action: removing it relaxes. */
  | { readonly kind: "presentIsStricter" }
  /** Grace periods: waiting longer relaxes (0 = immediately, the strictest). */
  | { readonly kind: "graceHours" }
  /** Day counts before something protective happens (a driver deployed, a forced reboot): more days relax; not set = 0. */
  | { readonly kind: "moreDaysIsWeaker"; readonly what: string }
  /** Releases newest first: moving down the list (or off it) deploys an older one. */
  | { readonly kind: "olderIsWeaker"; readonly values: readonly string[] }
  /** A switch whose `true` makes a protection optional. */
  | { readonly kind: "trueMakesOptional" };

const T: Rule = { kind: "trueIsStricter" };
const F: Rule = { kind: "falseIsStricter" };
const VH: Rule = { kind: "versionHigherIsStricter" };
const VL: Rule = { kind: "versionLowerIsStricter" };
const SHORTER: Rule = { kind: "shorterIsStricter" };
const higher = (what: string): Rule => ({ kind: "higherIsStricter", what });
const lower = (what: string): Rule => ({ kind: "lowerIsStricter", what });
const order = (...values: string[]): Rule => ({ kind: "order", values });

const THREAT_LEVEL = order("secured", "low", "medium", "high");
const PASSWORD_TYPE = order(
  "alphanumericWithSymbols",
  "atLeastAlphanumeric",
  "alphanumeric",
  "atLeastAlphabetic",
  "numericComplex",
  "atLeastNumeric",
  "numeric",
  "required",
  "lowSecurityBiometric",
  "deviceDefault",
);

const COMPLIANCE: Readonly<Record<string, Rule>> = {
  passwordMinimumLength: higher("minimum length"),
  passwordMinimumCharacterSetCount: higher("character sets"),
  passwordPreviousPasswordBlockCount: higher("remembered passwords"),
  passwordMinutesOfInactivityBeforeLock: lower("minutes before lock"),
  passwordMinutesOfInactivityBeforeScreenTimeout: lower("minutes before screen timeout"),
  passwordExpirationDays: lower("days before expiry"),
  passwordRequiredType: PASSWORD_TYPE,
  passwordBlockSimple: T,
  osMinimumVersion: VH,
  osMaximumVersion: VL,
  mobileOsMinimumVersion: VH,
  minAndroidSecurityPatchLevel: VH,
  osMinimumBuildVersion: VH,
  deviceThreatProtectionRequiredSecurityLevel: THREAT_LEVEL,
  advancedThreatProtectionRequiredSecurityLevel: THREAT_LEVEL,
  gatekeeperAllowedAppSource: order("macAppStore", "macAppStoreAndIdentifiedDevelopers", "anywhere"),
  signatureOutOfDate: T,
  tpmRequired: T,
  storageRequireEncryption: T,
  block: { kind: "presentIsStricter" },
  retire: { kind: "presentIsStricter" },
  wipe: { kind: "presentIsStricter" },
  remoteLock: { kind: "presentIsStricter" },
  gracePeriodHours: { kind: "graceHours" },
};
/** Compliance booleans are requirements by naming convention: `*Required`, `*Enabled`, `security{Block,Require,Prevent,Disable}*`. */
const COMPLIANCE_PATTERN = /(Required|Enabled)$|^security(Block|Require|Prevent|Disable)/;

const APP_PROTECTION: Readonly<Record<string, Rule>> = {
  pinRequired: T,
  minimumPinLength: higher("minimum PIN length"),
  simplePinBlocked: T,
  maximumPinRetries: lower("PIN retries"),
  pinCharacterSet: order("alphanumericAndSymbol", "numeric"),
  disableAppPinIfDevicePinIsSet: F,
  allowedOutboundClipboardSharingLevel: order("blocked", "managedApps", "managedAppsWithPasteIn", "allApps"),
  allowedOutboundDataTransferDestinations: order("none", "managedApps", "allApps"),
  allowedInboundDataTransferSources: order("none", "managedApps", "allApps"),
  dataBackupBlocked: T,
  deviceComplianceRequired: T,
  saveAsBlocked: T,
  printBlocked: T,
  contactSyncBlocked: T,
  screenCaptureBlocked: T,
  managedBrowserToOpenLinksRequired: T,
  organizationalCredentialsRequired: T,
  fingerprintBlocked: T,
  faceIdBlocked: T,
  encryptAppData: T,
  periodOfflineBeforeAccessCheck: SHORTER,
  periodOfflineBeforeWipeIsEnforced: SHORTER,
  periodOnlineBeforeAccessCheck: SHORTER,
  periodBeforePinReset: SHORTER,
  minimumRequiredOsVersion: VH,
  minimumRequiredAppVersion: VH,
  minimumRequiredPatchVersion: VH,
  minimumRequiredSdkVersion: VH,
  appActionIfDeviceComplianceRequired: order("wipe", "block", "warn"),
};

const ENROLLMENT: Readonly<Record<string, Rule>> = {
  platformBlocked: T,
  personalDeviceEnrollmentBlocked: T,
  osMinimumVersion: VH,
  osMaximumVersion: VL,
};

/**
 * Windows update profiles (S05): going back to an older feature release, making the feature update optional,
 * deferring drivers longer and giving users longer before an expedited security update forces its reboot all leave
 * devices behind on fixes for longer.
 */
const UPDATES: Readonly<Record<string, Rule>> = {
  featureUpdateVersion: { kind: "olderIsWeaker", values: FEATURE_UPDATE_VERSIONS },
  installFeatureUpdatesOptional: { kind: "trueMakesOptional" },
  deploymentDeferralInDays: { kind: "moreDaysIsWeaker", what: "driver deferral" },
  daysUntilForcedReboot: { kind: "moreDaysIsWeaker", what: "days before the forced reboot" },
};

/** An ESP that lets a device be used before its required apps install, or after they fail, gives up that gate. */
const STATUS_PAGE: Readonly<Record<string, Rule>> = {
  allowDeviceUseOnInstallFailure: F,
  blockDeviceSetupRetryByUser: T,
};

/** Tenant-wide compliance settings (kinds/tenant-settings.ts): S04's "no policy means not compliant" and its period. */
const TENANT: Readonly<Record<string, Rule>> = {
  secureByDefault: T,
  deviceComplianceCheckinThresholdDays: lower("compliance validity days"),
  isScheduledActionEnabled: T,
};

const CA_STATE = order("enabled", "enabledForReportingButNotEnforced", "disabled");

function ruleFor(kind: string, name: string): Rule | undefined {
  switch (kind) {
    // Settings-catalog compliance: its actions (setScheduledActions, keyed by action type) weaken as classic ones do;
    // its settings are linuxRelaxation's.
    case "catalogCompliancePolicy":
    case "compliancePolicy":
      return COMPLIANCE[name] ?? (COMPLIANCE_PATTERN.test(name) ? T : undefined);
    case "appProtectionPolicy":
      return APP_PROTECTION[name];
    case "enrollmentRestriction":
      return ENROLLMENT[name];
    case "enrollmentStatusPage":
      return STATUS_PAGE[name];
    case "updateProfile":
      return UPDATES[name];
    case "tenantSettings":
      return TENANT[name];
    // A Conditional Access policy that goes from on to report-only or off stops enforcing (conditionalAccessPolicyState).
    case "conditionalAccessPolicy":
      return name === "state" ? CA_STATE : undefined;
    default:
      return undefined;
  }
}

const num = (v: Json | undefined): number | undefined => (typeof v === "number" ? v : undefined);

function compareVersions(a: string, b: string): number {
  const pa = a.split(/\D+/).filter(Boolean).map(Number);
  const pb = b.split(/\D+/).filter(Boolean).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function seconds(v: Json | undefined): number | undefined {
  const m = typeof v === "string" ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v) : null;
  return m ? ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0) : undefined;
}

/** Why `after` is weaker than `before` under `rule`, or undefined when it is not. */
function weakening(rule: Rule, before: Json | undefined, after: Json | undefined): string | undefined {
  switch (rule.kind) {
    case "trueIsStricter":
      return before === true && after !== true ? "no longer required" : undefined;
    case "falseIsStricter":
      return before !== true && after === true ? "now switched off" : undefined;
    case "higherIsStricter": {
      const b = num(before);
      const a = num(after);
      return b !== undefined && (a === undefined || a < b) ? `${rule.what} lowered` : undefined;
    }
    case "lowerIsStricter": {
      const b = num(before);
      const a = num(after);
      return b !== undefined && b > 0 && (a === undefined || a === 0 || a > b) ? `${rule.what} raised` : undefined;
    }
    case "versionHigherIsStricter":
      return typeof before === "string" &&
        before !== "" &&
        (typeof after !== "string" || after === "" || compareVersions(after, before) < 0)
        ? "minimum version lowered"
        : undefined;
    case "versionLowerIsStricter":
      return typeof before === "string" &&
        before !== "" &&
        (typeof after !== "string" || after === "" || compareVersions(after, before) > 0)
        ? "maximum version raised"
        : undefined;
    case "shorterIsStricter": {
      const b = seconds(before);
      const a = seconds(after);
      return b !== undefined && (a === undefined || a > b) ? "period lengthened" : undefined;
    }
    case "order": {
      const rank = (v: Json | undefined): number => {
        const i = typeof v === "string" ? rule.values.indexOf(v) : -1;
        return i < 0 ? rule.values.length : i;
      };
      return typeof before === "string" && rank(after) > rank(before) ? "opened up" : undefined;
    }
    case "presentIsStricter":
      return !isEmptyValue(before) && isEmptyValue(after) ? "action removed" : undefined;
    case "graceHours": {
      const b = num(before) ?? 0;
      const a = num(after) ?? 0;
      return a > b ? "grace period lengthened" : undefined;
    }
    case "moreDaysIsWeaker": {
      const b = num(before) ?? 0;
      const a = num(after) ?? 0;
      return a > b ? `${rule.what} lengthened from ${b} to ${a} days` : undefined;
    }
    case "olderIsWeaker": {
      const rank = (v: Json | undefined): number => {
        const i = typeof v === "string" ? rule.values.indexOf(v) : -1;
        return i < 0 ? rule.values.length : i;
      };
      return typeof before === "string" && rank(after) > rank(before) ? "an older release than before" : undefined;
    }
    case "trueMakesOptional":
      return before !== true && after === true ? "now optional for users" : undefined;
  }
}

/**
 * If the change of the property at `path` on a `kind` object weakens it, says how. The rule is chosen by the last
 * path segment that names one, so nested settings (platformRestriction.platformBlocked, a compliance action's
 * grace period) are covered as well as top-level ones.
 */
export function relaxation(kind: string, path: readonly string[], before: Json | undefined, after: Json | undefined): string | undefined {
  const name = path[path.length - 1];
  if (name === undefined) return undefined;
  if (kind === "catalogCompliancePolicy" && path[0] === "settings") return linuxRelaxation(path, before, after);
  const base = name.replace(/#\d+$/, "");
  const rule = ruleFor(kind, base);
  return rule ? weakening(rule, before, after) : undefined;
}

/** A canonical settings-catalog node's value (N7: settings keyed by settingDefinitionId): a choice option or a number. */
function catalogValue(node: Json | undefined): Json | undefined {
  if (!isPlainObject(node)) return node;
  const choice = node["choiceSettingValue"];
  if (isPlainObject(choice)) return choice["value"];
  const simple = node["simpleSettingValue"];
  if (isPlainObject(simple)) return simple["value"];
  return undefined;
}

/** The distributions a canonical linux_distribution_alloweddistros allows (its items' `$type` options). */
function distros(node: Json | undefined): string[] | undefined {
  const items = isPlainObject(node) ? node["groupSettingCollectionValue"] : node;
  if (!Array.isArray(items)) return undefined;
  return items.map((item) => {
    const children = isPlainObject(item) ? item["children"] : undefined;
    const type = isPlainObject(children) ? children["linux_distribution_alloweddistros_item_$type"] : undefined;
    return String(catalogValue(isPlainObject(type) ? type : undefined) ?? "");
  });
}

/**
 * Linux compliance settings (graph-model/linux-compliance-settings.ts): a `_required` choice switched from `_true`,
 * a lower password minimum, and an allowed-distribution list that admits a distribution it did not (or is removed:
 * then every distribution is allowed). `path` is `settings.<settingDefinitionId>[.<value path>]`.
 */
function linuxRelaxation(path: readonly string[], before: Json | undefined, after: Json | undefined): string | undefined {
  const id = path[1];
  const rule = id === undefined ? undefined : LINUX_RELAXATION[id];
  if (!rule) return undefined;
  const whole = path.length === 2;
  switch (rule) {
    case "trueIsStricter": {
      const b = whole ? catalogValue(before) : before;
      const a = whole ? catalogValue(after) : after;
      return typeof b === "string" && b.endsWith("_true") && !(typeof a === "string" && a.endsWith("_true"))
        ? "no longer required"
        : undefined;
    }
    case "higherIsStricter":
      return weakening(higher("minimum"), whole ? catalogValue(before) : before, whole ? catalogValue(after) : after);
    case "allowedDistros": {
      const b = distros(before);
      const a = distros(after);
      if (b === undefined || b.length === 0) return undefined;
      if (a === undefined || a.length === 0) return "any distribution allowed";
      const added = a.filter((d) => !b.includes(d));
      return added.length > 0 ? `distributions opened up (${added.map((d) => d.replace(/^.*_\$type_/, "")).join(", ")})` : undefined;
    }
  }
}
