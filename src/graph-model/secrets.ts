// What is secret, by one rule that validation (IP024), the diff and every renderer, import and the provider's
// refresh share: a secret reference (`{ secret: NAME }`), and a value Graph treats as a credential. Everything
// else is shown as it is; a setting *about* passwords (`passwordRequiredType`, `passwordMinimumLength`) is policy,
// not a secret, and reviewers must see it change. Pure.

/**
 * A secret is never written in a plan: `{ secret: NAME }` stands for a string resolved at apply time from Pulumi
 * secret config or the environment. NAME follows SECRET_REF_NAME.
 */
export const SECRET_REF_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A secret reference as a plan writes it: exactly `{ secret: NAME }`. */
export function isSecretRef(value: unknown): value is { readonly secret: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    // The property first: Object.keys allocates, and walks over a whole plan ask this of every object in it.
    typeof (value as { secret?: unknown }).secret === "string" &&
    Object.keys(value).length === 1
  );
}

/**
 * A secret reference as compared states carry it: `{ secret: NAME }`, optionally with the sha256 of the value last
 * written (N8: Pulumi state records it, Graph never returns the value).
 */
export function isSecretMarker(value: unknown): value is { readonly secret: string; readonly sha256?: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { secret?: unknown }).secret === "string" &&
    Object.keys(value).every((k) => k === "secret" || k === "sha256")
  );
}

/**
 * Graph's credential properties: write-only strings that hold a password, key or PIN. Microsoft's published types
 * (`@microsoft/microsoft-graph-types-beta`) say so only in prose ("Write-Only", "always returned as null"), so the
 * generated schema cannot tell them, and this list is kept by hand from those types (a test checks that each is a
 * string property there). `passwordRequiredType` or `passwordMinimumLength` are policy, not credentials.
 */
export const CREDENTIAL_PROPERTIES: readonly string[] = [
  "preSharedKey", // Wi-Fi (Android, AOSP, iOS, macOS, Windows): the WPA personal key
  "zoneRedundancyPreSharedKey", // network access: IPsec key of the redundant zone
  "sharedSecret", // iOS IKEv2 VPN
  "password", // Windows device account, basic authentication, PKCS #12 certificate, password profile
  "wifiPassword", // Android device-owner enrollment profile
  "adDomainPassword",
  "adminAccountPassword",
  "defaultPassword",
  "deviceAccountPassword",
  "currentPassword",
  "newPassword",
  "encryptedPfxPassword",
  "passwordBase64",
  "clientSecret",
  "secret",
  "secretKey",
  "oathSecretKey",
  "secretText",
  "lockPin",
  "unlockPin",
  "activationLockBypassCode",
];

const CREDENTIALS: ReadonlySet<string> = new Set(CREDENTIAL_PROPERTIES);

/**
 * A name that ends the way Graph's credential names end. In Microsoft's types every *string* property so named is a
 * credential (the others, such as `appStoreRequirePassword`, are flags, and only strings are ever masked); it also
 * covers a credential a tenant echoes that the types do not list yet. A name that merely starts with "password"
 * does not match.
 */
const CREDENTIAL_NAME = /(password|passphrase|secret|presharedkey|secretkey)$/i;

/** A settings-catalog secret setting (`…SecretSettingValue`): its `value` is the credential. */
const SECRET_SETTING_VALUE = /SecretSettingValue$/;

/**
 * True when a string under property `name` of `owner` is a credential: one of CREDENTIAL_PROPERTIES, a name that
 * ends like one (CREDENTIAL_NAME), or the `value` of a settings-catalog secret setting. `owner` is the object the
 * property belongs to, when the caller has it. Callers apply it to non-empty strings only.
 */
export function isSecretProperty(name: string, owner?: Readonly<Record<string, unknown>>): boolean {
  if (CREDENTIALS.has(name) || CREDENTIAL_NAME.test(name)) return true;
  const type = owner?.["@odata.type"];
  return name === "value" && typeof type === "string" && SECRET_SETTING_VALUE.test(type);
}
