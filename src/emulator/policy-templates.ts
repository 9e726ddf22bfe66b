// The settings-catalog templates the emulator knows, as Graph serves them from
// GET /beta/deviceManagement/configurationPolicyTemplates[/{id}] and …/{id}/settingTemplates (Microsoft Graph beta,
// resources intune-deviceconfigv2-devicemanagementconfigurationpolicytemplate: id "composed of BaseId and Version",
// baseId, version, displayName, description, displayVersion, lifecycleState, platforms, technologies, templateFamily,
// allowUnmanagedSettings, settingTemplateCount; …settingtemplate: settingInstanceTemplate with
// settingInstanceTemplateId, settingDefinitionId, isRequired and its value template's settingValueTemplateId). A real
// tenant knows every Intune template; this table holds the ones the reference plan and the tests use.
//
// Facts, and where they come from:
// - The endpoint-security templates' ids, families, display names and versions, and the settingInstanceTemplateId /
//   settingValueTemplateId of each setting: the portal's exports in graph-corpus settings-catalog/oib/WINDOWS/
//   IntuneManagement/SettingsCatalog ("Win - OIB - ES - Defender Antivirus - D - AV Configuration", "… Encryption - D -
//   BitLocker (OS Disk)", "… Windows Firewall - D - Firewall Configuration", "… Attack Surface Reduction - D - ASR Rules
//   (L2)", "… Windows Hello for Business - D - WHfB Configuration", "… Windows LAPS - D - LAPS Configuration"), whose
//   policies carry both. Their technologies are those policies' (`mdm,microsoftSense` for Defender, firewall and ASR).
// - The Windows security baseline: base id 66df8dce-0166-4b82-92f7-1f74e3ca17a3 with versions _1, _3, _4, _5 seen in
//   public scripts; `_4` is "version 24H2" in the Terraform provider's settings-catalog template table
//   (security_baseline_for_windows_10_and_later_version_24H2) and Microsoft365DSC's IntuneSecurityBaselineWindows10
//   writes it. The emulator offers `_3` and `_4`, so that a plan on `_3` sees a newer version. The `_3` display
//   version ("Version 23H2") and the baseline's setting and value template ids are UNCONFIRMED (made up here;
//   `intune-plan definitions` against a real tenant replaces them in the plan's snapshot).
// - lifecycleState "active" and allowUnmanagedSettings false are UNCONFIRMED for these templates.
//
// Independent of the validator's and compiler's reading of the same data (DESIGN §2): this is Graph's wire shape;
// graph/policy-templates.ts maps it to the plan's snapshot format.
import type { JsonRecord } from "./graph-types.ts";
import { SETTING_DEFINITIONS } from "./setting-definitions.ts";

const NS = "#microsoft.graph.deviceManagementConfiguration";

interface TemplateFacts {
  readonly baseId: string;
  readonly version: number;
  readonly displayName: string;
  readonly displayVersion: string;
  readonly family: string;
  readonly technologies: string;
  /** settingDefinitionId → [settingInstanceTemplateId, settingValueTemplateId (absent for a group collection)]. */
  readonly settings: Readonly<Record<string, readonly [string, string?]>>;
}

const DEFENDER = "device_vendor_msft_policy_config_defender_";
const BITLOCKER = "device_vendor_msft_bitlocker_";
const FIREWALL = "vendor_msft_firewall_mdmstore_";
const LAPS = "device_vendor_msft_laps_policies_";

const FACTS: readonly TemplateFacts[] = [
  {
    baseId: "804339ad-1553-4478-a742-138fb5807418",
    version: 1,
    displayName: "Microsoft Defender Antivirus",
    displayVersion: "Version 1",
    family: "endpointSecurityAntivirus",
    technologies: "mdm,microsoftSense",
    settings: {
      [`${DEFENDER}allowarchivescanning`]: ["7c5c9cde-f74d-4d11-904f-de4c27f72d89", "9ead75d4-6f30-4bc5-8cc5-ab0f999d79f0"],
      [`${DEFENDER}allowbehaviormonitoring`]: ["8eef615a-1aa0-46f4-a25a-12cbe65de5ab", "905921da-95e2-4a10-9e30-fe5540002ce1"],
      [`${DEFENDER}allowcloudprotection`]: ["7da139f1-9b7e-407d-853a-c2e5037cdc70", "16fe8afd-67be-4c50-8619-d535451a500c"],
      [`${DEFENDER}allowrealtimemonitoring`]: ["f0790e28-9231-4d37-8f44-84bb47ca1b3e", "0492c452-1069-4b91-9363-93b8e006ab12"],
      [`${DEFENDER}allowscriptscanning`]: ["000cf176-949c-4c08-a5d4-90ed43718db7", "ab9e4320-c953-4067-ac9a-be2becd06b4a"],
      [`${DEFENDER}avgcpuloadfactor`]: ["816cc03e-8f96-4cba-b14f-2658d031a79a", "37195fb1-3743-4c8e-a0ce-b6fae6fa3acd"],
      [`${DEFENDER}enablenetworkprotection`]: ["f53ab20e-8af6-48f5-9fa1-46863e1e517e", "ee58fb51-9ae5-408b-9406-b92b643f388a"],
      [`${DEFENDER}puaprotection`]: ["c0135c2a-f802-44f4-9b71-b0b976411b8c", "2d790211-18cb-4e32-b8cc-97407e2c0b45"],
    },
  },
  {
    baseId: "46ddfc50-d10f-4867-b852-9434254b3bff",
    version: 1,
    displayName: "BitLocker",
    displayVersion: "Version 1",
    family: "endpointSecurityDiskEncryption",
    technologies: "mdm",
    settings: {
      [`${BITLOCKER}allowwarningforotherdiskencryption`]: ["e40531ee-2225-406b-b07b-1c17186c088c", "7d348597-0f2a-43db-9fad-8b55c4f89bfe"],
      [`${BITLOCKER}configurerecoverypasswordrotation`]: ["48c938a7-afa0-40ef-914f-40b5da5735b4", "48278072-3b30-48e9-b654-ad683fdb9aae"],
      [`${BITLOCKER}requiredeviceencryption`]: ["20ec1f6e-0d7a-4b6f-9a4f-9ed33e69ce51", "86da5fa5-67cf-48d1-8215-8787a9900ae6"],
      [`${BITLOCKER}systemdrivesdisallowstandarduserscanchangepin`]: [
        "ff95fd7f-52a0-4030-8452-6143352ab487",
        "3b874ce3-3254-4db9-ab65-1b591f543ed3",
      ],
    },
  },
  {
    baseId: "6078910e-d808-4a9f-a51d-1b8a7bacb7c0",
    version: 1,
    displayName: "Windows Firewall",
    displayVersion: "Version 1",
    family: "endpointSecurityFirewall",
    technologies: "mdm,microsoftSense",
    settings: {
      [`${FIREWALL}domainprofile_enablefirewall`]: ["7714c373-a19a-4b64-ba6d-2e9db04a7684", "120c5dbe-0c88-46f0-b897-2c996d3e5277"],
      [`${FIREWALL}global_disablestatefulftp`]: ["38329af6-2670-4a71-972d-482010ca97fc", "559f6e01-53a9-4c10-9f10-d09d8fe7f903"],
      [`${FIREWALL}privateprofile_enablefirewall`]: ["1c14f914-69bb-49f8-af5b-e29173a6ee95", "9d55dfae-d55f-4f2a-af03-9a9524f61e76"],
      [`${FIREWALL}publicprofile_enablefirewall`]: ["e2714734-708e-4286-8ae9-d56821e306a3", "c38694c7-51a4-4a35-8f64-b10866a04776"],
    },
  },
  {
    baseId: "e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b",
    version: 1,
    displayName: "Attack Surface Reduction Rules",
    displayVersion: "Version 1",
    family: "endpointSecurityAttackSurfaceReduction",
    technologies: "mdm,microsoftSense",
    settings: {
      [`${DEFENDER}attacksurfacereductionrules`]: ["19600663-e264-4c02-8f55-f2983216d6d7"],
      [`${DEFENDER}enablecontrolledfolderaccess`]: ["78c83b32-56c0-445a-932a-872d69af6e49", "e57db701-c3c6-4264-ab50-7896cb90dfd6"],
    },
  },
  {
    baseId: "fcef01f2-439d-4c3f-9184-823fd6e97646",
    version: 1,
    displayName: "Account Protection",
    displayVersion: "Version 1",
    family: "endpointSecurityAccountProtection",
    technologies: "mdm",
    settings: {
      device_vendor_msft_passportforwork_biometrics_facialfeaturesuseenhancedantispoofing: [
        "9a29ce6b-fae8-4785-bbfe-3311f14aa88f",
        "93a7ef59-584d-4177-ac5a-2ca31d47e179",
      ],
    },
  },
  {
    baseId: "adc46e5a-f4aa-4ff6-aeff-4f27bc525796",
    version: 1,
    displayName: "Local admin password solution (Windows LAPS)",
    displayVersion: "Version 1",
    family: "endpointSecurityAccountProtection",
    technologies: "mdm",
    settings: {
      [`${LAPS}backupdirectory`]: ["a3270f64-e493-499d-8900-90290f61ed8a", "4d90f03d-e14c-43c4-86da-681da96a2f92"],
      [`${LAPS}passwordlength`]: ["da7a1dbd-caf7-4341-ab63-ece6f994ff02", "d08f1266-5345-4f53-8ae1-4c20e6cb5ec9"],
    },
  },
  ...[3, 4].map((version): TemplateFacts => ({
    baseId: "66df8dce-0166-4b82-92f7-1f74e3ca17a3",
    version,
    displayName: "Security Baseline for Windows 10 and later",
    displayVersion: version === 4 ? "Version 24H2" : "Version 23H2",
    family: "baseline",
    technologies: "mdm",
    // UNCONFIRMED ids (see the file comment): the same in both versions, as a setting a version keeps.
    settings: {
      device_vendor_msft_policy_config_browser_allowsmartscreen: [
        "0b6b3b6e-5c1a-4e0c-9e51-6c0d8a1f4a01",
        "0b6b3b6e-5c1a-4e0c-9e51-6c0d8a1f4a02",
      ],
      device_vendor_msft_policy_config_lanmanworkstation_enableinsecureguestlogons: [
        "0b6b3b6e-5c1a-4e0c-9e51-6c0d8a1f4a03",
        "0b6b3b6e-5c1a-4e0c-9e51-6c0d8a1f4a04",
      ],
    },
  })),
];

/** The instance template's and value template's @odata.type (after the namespace) for a definition's type. */
const TEMPLATE_TYPES: Readonly<Record<string, readonly [string, string?, string?]>> = {
  ChoiceSettingDefinition: ["ChoiceSettingInstanceTemplate", "choiceSettingValueTemplate", "ChoiceSettingValueTemplate"],
  SimpleSettingDefinition: ["SimpleSettingInstanceTemplate", "simpleSettingValueTemplate", "IntegerSettingValueTemplate"],
  SettingGroupCollectionDefinition: ["GroupSettingCollectionInstanceTemplate"],
};

export interface TemplateEntry {
  readonly template: JsonRecord;
  readonly settingTemplates: readonly JsonRecord[];
  /** settingDefinitionId → [settingInstanceTemplateId, settingValueTemplateId?]: what a policy's references are checked against. */
  readonly settings: Readonly<Record<string, readonly [string, string?]>>;
}

function entry(f: TemplateFacts): TemplateEntry {
  const id = `${f.baseId}_${f.version}`;
  const settingTemplates = Object.entries(f.settings).map(([definitionId, [instanceId, valueId]]) => {
    const definition = SETTING_DEFINITIONS.find((d) => d["id"] === definitionId);
    const [instanceType, valueProp, valueType] = TEMPLATE_TYPES[String(definition?.["@odata.type"] ?? "").replace(NS, "")] ?? [
      "SettingInstanceTemplate",
    ];
    return {
      id: instanceId,
      settingInstanceTemplate: {
        "@odata.type": `${NS}${instanceType}`,
        settingInstanceTemplateId: instanceId,
        settingDefinitionId: definitionId,
        isRequired: false,
        ...(valueProp && valueId
          ? { [valueProp]: { "@odata.type": `${NS}${valueType ?? ""}`, settingValueTemplateId: valueId, defaultValue: null } }
          : {}),
      },
      // Graph returns the definitions with $expand=settingDefinitions; the route adds them.
      definitionIds: [definitionId],
    };
  });
  return {
    template: {
      id,
      baseId: f.baseId,
      version: f.version,
      displayName: f.displayName,
      description: null,
      displayVersion: f.displayVersion,
      lifecycleState: "active",
      platforms: "windows10",
      technologies: f.technologies,
      templateFamily: f.family,
      allowUnmanagedSettings: false,
      settingTemplateCount: settingTemplates.length,
    },
    settingTemplates,
    settings: f.settings,
  };
}

/** Every template, by templateId. */
export const POLICY_TEMPLATES: ReadonlyMap<string, TemplateEntry> = new Map(FACTS.map((f) => [`${f.baseId}_${f.version}`, entry(f)]));
