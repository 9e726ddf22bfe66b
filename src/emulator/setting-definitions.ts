// The settings-catalog definitions the emulator knows, as Graph serves them from
// GET /beta/deviceManagement/configurationSettings and /complianceSettings (deviceManagementConfigurationSettingDefinition
// and its Choice/Simple/SimpleCollection/ChoiceCollection/SettingGroupCollection subtypes: Microsoft Graph beta docs
// intune-deviceconfigv2-devicemanagementconfiguration*settingdefinition, and the same names in
// @microsoft/microsoft-graph-types-beta). A real tenant knows thousands; this table holds the ones the reference plan,
// the tests and the documentation use, so that the emulator can refuse a setting or an option it does not know, as
// Graph does, instead of accepting anything.
//
// Contents, hand-built from Microsoft's documentation of each setting: the Policy CSP (Defender/AllowRealtimeMonitoring,
// AllowCloudProtection, PUAProtection, AvgCPULoadFactor "0-100"; Camera/AllowCamera; Browser/AllowSmartScreen), the
// BitLocker CSP (RequireDeviceEncryption, AllowWarningForOtherDiskEncryption with its child AllowStandardUserEncryption),
// the Defender CSP (Configuration/PassiveRemediation, a flags value: the option ids beyond the two the tests use are
// UNCONFIRMED), the Edge ADMX (ExtensionInstallForcelist), Apple's com.apple.mcx / security.firewall / screensaver
// payloads, and the Linux compliance settings (GRAPH-NOTES §6.2, see graph-model/linux-compliance-settings.ts for their
// sources; the 0–64 bounds and the `_false` options are UNCONFIRMED there too). Display names are the settings
// catalog's as Microsoft's CSP pages name them; option display names are the CSP's value descriptions.
//
// Independent of the validator's reading of the same data (DESIGN §2): this is Graph's wire shape, and
// graph/setting-definitions.ts maps it to the plan's snapshot format, so a mistake in that mapping shows in tests.
import type { JsonRecord } from "./graph-types.ts";

const NS = "#microsoft.graph.deviceManagementConfiguration";

interface Common {
  readonly id: string;
  readonly displayName: string;
  /** Graph's applicability.platform (a flags enum, comma-separated). */
  readonly platform: string;
  readonly technologies: string;
  readonly usage: "configuration" | "compliance";
  readonly root?: string;
  readonly description?: string;
}

const WINDOWS = { platform: "windows10", technologies: "mdm", usage: "configuration" } as const;
const MACOS = { platform: "macOS", technologies: "mdm,appleRemoteManagement", usage: "configuration" } as const;
const LINUX = { platform: "linux", technologies: "linuxMdm", usage: "compliance" } as const;

function base(c: Common, type: string): JsonRecord {
  const applicabilityType = c.platform === "windows10" ? "WindowsSettingApplicability" : "SettingApplicability";
  return {
    "@odata.type": `${NS}${type}`,
    id: c.id,
    name: c.id.split("_").at(-1) ?? c.id,
    displayName: c.displayName,
    description: c.description ?? null,
    rootDefinitionId: c.root ?? c.id,
    settingUsage: c.usage,
    visibility: "settingsCatalog",
    applicability: { "@odata.type": `${NS}${applicabilityType}`, platform: c.platform, technologies: c.technologies, deviceMode: "none" },
  };
}

/** A choice setting; each option is [suffix of its itemId, display name, child ids]. */
function choice(c: Common, options: readonly (readonly [string, string, (readonly string[])?])[], collection = false): JsonRecord {
  return {
    ...base(c, collection ? "ChoiceSettingCollectionDefinition" : "ChoiceSettingDefinition"),
    defaultOptionId: `${c.id}_${options[0]?.[0] ?? ""}`,
    options: options.map(([suffix, displayName, children]) => ({
      itemId: `${c.id}_${suffix}`,
      name: displayName,
      displayName,
      dependedOnBy: (children ?? []).map((child) => ({ dependedOnBy: child, required: false })),
    })),
    ...(collection ? { minimumCount: 1, maximumCount: 100 } : {}),
  };
}

const onOff = (c: Common, off: string, on: string): JsonRecord =>
  choice(c, [
    ["0", off],
    ["1", on],
  ]);
const falseTrue = (c: Common, children: readonly string[] = []): JsonRecord =>
  choice(c, [
    ["false", "False"],
    ["true", "True", children],
  ]);

function integer(c: Common, min: number, max: number): JsonRecord {
  return {
    ...base(c, "SimpleSettingDefinition"),
    valueDefinition: { "@odata.type": `${NS}IntegerSettingValueDefinition`, minimumValue: min, maximumValue: max },
  };
}

function text(c: Common, options: { collection?: boolean } = {}): JsonRecord {
  return {
    ...base(c, options.collection ? "SimpleSettingCollectionDefinition" : "SimpleSettingDefinition"),
    valueDefinition: { "@odata.type": `${NS}StringSettingValueDefinition`, isSecret: false, minimumLength: 0, maximumLength: 87516 },
    ...(options.collection ? { minimumCount: 1, maximumCount: 100 } : {}),
  };
}

function groupCollection(c: Common, childIds: readonly string[]): JsonRecord {
  return { ...base(c, "SettingGroupCollectionDefinition"), childIds: [...childIds], minimumCount: 1, maximumCount: 100 };
}

const BITLOCKER_STANDARD_USER = "device_vendor_msft_bitlocker_allowstandarduserencryption";
const EDGE_FORCELIST = "user_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge~extensions_extensioninstallforcelist";
const MCX_ACCOUNTS = "com.apple.mcx_com.apple.mcx-accounts";
const DISTROS = "linux_distribution_alloweddistros";
const CUSTOM = "linux_customcompliance_required";
const ASR_RULES = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";
const LAPS_BACKUP = "device_vendor_msft_laps_policies_backupdirectory";

export const SETTING_DEFINITIONS: readonly JsonRecord[] = [
  onOff(
    { ...WINDOWS, id: "device_vendor_msft_policy_config_defender_allowrealtimemonitoring", displayName: "Allow Realtime Monitoring" },
    "Not allowed",
    "Allowed",
  ),
  onOff(
    { ...WINDOWS, id: "device_vendor_msft_policy_config_defender_allowcloudprotection", displayName: "Allow Cloud Protection" },
    "Not allowed",
    "Allowed",
  ),
  choice({ ...WINDOWS, id: "device_vendor_msft_policy_config_defender_puaprotection", displayName: "PUA Protection" }, [
    ["0", "PUA Protection off"],
    ["1", "PUA Protection on"],
    ["2", "Audit mode"],
  ]),
  integer({ ...WINDOWS, id: "device_vendor_msft_policy_config_defender_avgcpuloadfactor", displayName: "Avg CPU Load Factor" }, 0, 100),
  onOff(
    { ...WINDOWS, id: "device_vendor_msft_bitlocker_requiredeviceencryption", displayName: "Require Device Encryption" },
    "Disabled",
    "Enabled",
  ),
  choice(
    {
      ...WINDOWS,
      id: "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption",
      displayName: "Allow Warning For Other Disk Encryption",
    },
    [
      ["0", "Disabled", [BITLOCKER_STANDARD_USER]],
      ["1", "Enabled"],
    ],
  ),
  onOff(
    {
      ...WINDOWS,
      id: BITLOCKER_STANDARD_USER,
      displayName: "Allow Standard User Encryption",
      root: "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption",
    },
    "Disabled",
    "Enabled",
  ),
  onOff({ ...WINDOWS, id: "device_vendor_msft_policy_config_camera_allowcamera", displayName: "Allow Camera" }, "Not allowed", "Allowed"),
  onOff(
    { ...WINDOWS, id: "device_vendor_msft_policy_config_browser_allowsmartscreen", displayName: "Allow Smart Screen" },
    "Turned off",
    "Turned on",
  ),
  choice(
    { ...WINDOWS, id: "device_vendor_msft_defender_configuration_passiveremediation", displayName: "Passive Remediation" },
    [
      ["1", "Passive Remediation Sense AutoRemediation"],
      ["2", "Passive Remediation Rtp AutoRemediation"],
      ["4", "Passive Remediation Sense Remediation Without Deep Scan"],
      ["8", "Passive Remediation Rtp Remediation Without Deep Scan"],
    ],
    true,
  ),
  choice(
    {
      platform: "windows10",
      technologies: "mdm",
      usage: "configuration",
      id: EDGE_FORCELIST,
      displayName: "Control which extensions are installed silently (User)",
    },
    [
      ["0", "Disabled"],
      ["1", "Enabled", [`${EDGE_FORCELIST}_extensioninstallforcelistdesc`]],
    ],
  ),
  text(
    {
      ...WINDOWS,
      id: `${EDGE_FORCELIST}_extensioninstallforcelistdesc`,
      displayName: "Extension/App IDs and update URLs to be silently installed (User)",
      root: EDGE_FORCELIST,
    },
    { collection: true },
  ),
  groupCollection({ ...MACOS, id: MCX_ACCOUNTS, displayName: "Accounts" }, ["com.apple.mcx_disableguestaccount"]),
  falseTrue({ ...MACOS, id: "com.apple.mcx_disableguestaccount", displayName: "Disable Guest Account", root: MCX_ACCOUNTS }),
  falseTrue({ ...MACOS, id: "com.apple.security.firewall_enablefirewall", displayName: "Enable Firewall" }),
  falseTrue({ ...MACOS, id: "com.apple.security.firewall_enablestealthmode", displayName: "Enable Stealth Mode" }),
  integer({ ...MACOS, id: "com.apple.screensaver_idletime", displayName: "Idle Time" }, 0, 7200),
  falseTrue({ ...LINUX, id: "linux_deviceencryption_required", displayName: "Require Device Encryption" }),
  ...(["minimumlength", "minimumdigits", "minimumlowercase", "minimumuppercase", "minimumsymbols"] as const).map((p) =>
    integer({ ...LINUX, id: `linux_passwordpolicy_${p}`, displayName: `Password policy ${p.replace("minimum", "minimum ")}` }, 0, 64),
  ),
  groupCollection({ ...LINUX, id: DISTROS, displayName: "Allowed Distributions" }, [
    `${DISTROS}_item_$type`,
    `${DISTROS}_item_minimumversion`,
    `${DISTROS}_item_maximumversion`,
  ]),
  choice(
    { ...LINUX, id: `${DISTROS}_item_$type`, displayName: "Type", root: DISTROS },
    (["ubuntu", "rhel", "centos", "debian", "suse"] as const).map((d) => [d, d]),
  ),
  text({ ...LINUX, id: `${DISTROS}_item_minimumversion`, displayName: "Minimum Version", root: DISTROS }),
  text({ ...LINUX, id: `${DISTROS}_item_maximumversion`, displayName: "Maximum Version", root: DISTROS }),
  falseTrue({ ...LINUX, id: CUSTOM, displayName: "Require Custom Compliance" }, [
    "linux_customcompliance_discoveryscript",
    "linux_customcompliance_rules",
  ]),
  // Written as a ReferenceSettingValue (a reusable script's id, GRAPH-NOTES §6.2), which extends StringSettingValue; how
  // Graph defines it is UNCONFIRMED (its types have no reference value definition): a string definition here.
  text({ ...LINUX, id: "linux_customcompliance_discoveryscript", displayName: "Select your discovery script", root: CUSTOM }),
  text({
    ...LINUX,
    id: "linux_customcompliance_rules",
    displayName: "Upload and validate the JSON file with your custom compliance settings",
    root: CUSTOM,
  }),
  // The settings of the endpoint-security templates and the security baseline the reference plan uses
  // (policy-templates.ts). Ids and option values as the portal's exports write them (graph-corpus settings-catalog/oib
  // "Win - OIB - ES - …" files); options beyond those the exports and the CSP pages name are left out, and the integer
  // bounds are the CSP pages' (LAPS PasswordLength 8–64, PasswordAgeDays 1–365 for Entra ID backup).
  ...(
    [
      ["device_vendor_msft_policy_config_defender_allowarchivescanning", "Allow Archive Scanning"],
      ["device_vendor_msft_policy_config_defender_allowbehaviormonitoring", "Allow Behavior Monitoring"],
      ["device_vendor_msft_policy_config_defender_allowscriptscanning", "Allow Script Scanning"],
      [
        "device_vendor_msft_bitlocker_systemdrivesdisallowstandarduserscanchangepin",
        "Disallow standard users from changing the PIN or password",
      ],
      ["device_vendor_msft_policy_config_lanmanworkstation_enableinsecureguestlogons", "Enable insecure guest logons"],
    ] as const
  ).map(([id, displayName]) => onOff({ ...WINDOWS, id, displayName }, "Not allowed", "Allowed")),
  choice(
    { ...WINDOWS, id: "device_vendor_msft_policy_config_defender_enablenetworkprotection", displayName: "Enable Network Protection" },
    [
      ["0", "Disabled"],
      ["1", "Enabled (block mode)"],
      ["2", "Enabled (audit mode)"],
    ],
  ),
  choice(
    {
      ...WINDOWS,
      id: "device_vendor_msft_bitlocker_configurerecoverypasswordrotation",
      displayName: "Configure Recovery Password Rotation",
    },
    [
      ["0", "Refresh off (default)"],
      ["1", "Refresh on for Azure AD-joined devices"],
      ["2", "Refresh on for both Azure AD-joined and hybrid-joined devices"],
    ],
  ),
  ...(["domainprofile", "privateprofile", "publicprofile"] as const).map((profile) =>
    falseTrue({ ...WINDOWS, id: `vendor_msft_firewall_mdmstore_${profile}_enablefirewall`, displayName: "Enable Firewall" }),
  ),
  falseTrue({ ...WINDOWS, id: "vendor_msft_firewall_mdmstore_global_disablestatefulftp", displayName: "Disable Stateful Ftp" }),
  choice(
    {
      ...WINDOWS,
      id: "device_vendor_msft_policy_config_defender_enablecontrolledfolderaccess",
      displayName: "Enable Controlled Folder Access",
    },
    [
      ["0", "Disabled"],
      ["1", "Enabled"],
      ["2", "Audit Mode"],
    ],
  ),
  groupCollection({ ...WINDOWS, id: ASR_RULES, displayName: "Attack Surface Reduction Rules" }, [
    `${ASR_RULES}_blockexecutionofpotentiallyobfuscatedscripts`,
  ]),
  choice(
    {
      ...WINDOWS,
      id: `${ASR_RULES}_blockexecutionofpotentiallyobfuscatedscripts`,
      displayName: "Block execution of potentially obfuscated scripts",
      root: ASR_RULES,
    },
    [
      ["off", "Off"],
      ["block", "Block"],
      ["audit", "Audit"],
      ["warn", "Warn"],
    ],
  ),
  falseTrue({
    ...WINDOWS,
    id: "device_vendor_msft_passportforwork_biometrics_facialfeaturesuseenhancedantispoofing",
    displayName: "Facial Features Use Enhanced Anti Spoofing",
  }),
  choice({ ...WINDOWS, id: LAPS_BACKUP, displayName: "Backup Directory" }, [
    ["0", "Disabled (password will not be backed up)"],
    ["1", "Backup the password to Azure AD only", [`device_vendor_msft_laps_policies_passwordagedays_aad`]],
    ["2", "Backup the password to Active Directory only"],
  ]),
  integer(
    { ...WINDOWS, id: "device_vendor_msft_laps_policies_passwordagedays_aad", displayName: "Password Age Days", root: LAPS_BACKUP },
    1,
    365,
  ),
  integer({ ...WINDOWS, id: "device_vendor_msft_laps_policies_passwordlength", displayName: "Password Length" }, 8, 64),
];
