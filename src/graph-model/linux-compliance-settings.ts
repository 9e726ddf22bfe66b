// The Linux compliance settings of the settings catalog (GRAPH-NOTES §6.2): their settingDefinitionIds and value
// shapes, so that a plan's Linux compliance settings are checked before Graph sees them (Graph publishes no types for
// settings-catalog definitions, only for the instances). Sources: the Intune portal's create capture in TF
// linux_device_compliance_policy/resource_docs/create_req.md (ids, instance types, `_item_$type_<distro>` options)
// and the TF schema in its resource.go (distribution types ubuntu, rhel, centos, debian, suse; booleans for the
// `_required` choices). The `_false` options of the `_required` choices are UNCONFIRMED (the capture shows `_true`
// only; TF models them as booleans): they are accepted.

export type LinuxSettingShape =
  | { readonly kind: "choice"; readonly options: readonly string[]; readonly children?: Readonly<Record<string, LinuxSettingShape>> }
  | { readonly kind: "integer"; readonly min: number; readonly max: number }
  | { readonly kind: "string" }
  /** A reference to another Intune object (a reusable script's id): deviceManagementConfigurationReferenceSettingValue. */
  | { readonly kind: "reference" }
  | { readonly kind: "groupCollection"; readonly children: Readonly<Record<string, LinuxSettingShape>> };

const flag = (id: string): LinuxSettingShape => ({ kind: "choice", options: [`${id}_true`, `${id}_false`] });
/** Password character counts; the portal's fields take 0–64 (UNCONFIRMED upper bound, TF sets none). */
const count: LinuxSettingShape = { kind: "integer", min: 0, max: 64 };
const DISTROS = ["ubuntu", "rhel", "centos", "debian", "suse"];

export const LINUX_COMPLIANCE_SETTINGS: Readonly<Record<string, LinuxSettingShape>> = {
  linux_deviceencryption_required: flag("linux_deviceencryption_required"),
  linux_passwordpolicy_minimumlength: count,
  linux_passwordpolicy_minimumdigits: count,
  linux_passwordpolicy_minimumlowercase: count,
  linux_passwordpolicy_minimumuppercase: count,
  linux_passwordpolicy_minimumsymbols: count,
  linux_distribution_alloweddistros: {
    kind: "groupCollection",
    children: {
      linux_distribution_alloweddistros_item_$type: {
        kind: "choice",
        options: DISTROS.map((d) => `linux_distribution_alloweddistros_item_$type_${d}`),
      },
      linux_distribution_alloweddistros_item_minimumversion: { kind: "string" },
      linux_distribution_alloweddistros_item_maximumversion: { kind: "string" },
    },
  },
  linux_customcompliance_required: {
    kind: "choice",
    options: ["linux_customcompliance_required_true", "linux_customcompliance_required_false"],
    children: {
      linux_customcompliance_discoveryscript: { kind: "reference" },
      linux_customcompliance_rules: { kind: "string" },
    },
  },
};

/** The instance @odata.type (after `#microsoft.graph.deviceManagementConfiguration`) each shape is written as. */
export const LINUX_INSTANCE_TYPES: Readonly<Record<LinuxSettingShape["kind"], string>> = {
  choice: "ChoiceSettingInstance",
  integer: "SimpleSettingInstance",
  string: "SimpleSettingInstance",
  reference: "SimpleSettingInstance",
  groupCollection: "GroupSettingCollectionInstance",
};

/** How a Linux compliance setting weakens security when it changes (diff/relaxation.ts). */
export type LinuxRelaxRule = "higherIsStricter" | "trueIsStricter" | "allowedDistros";
export const LINUX_RELAXATION: Readonly<Record<string, LinuxRelaxRule>> = {
  linux_deviceencryption_required: "trueIsStricter",
  linux_customcompliance_required: "trueIsStricter",
  linux_passwordpolicy_minimumlength: "higherIsStricter",
  linux_passwordpolicy_minimumdigits: "higherIsStricter",
  linux_passwordpolicy_minimumlowercase: "higherIsStricter",
  linux_passwordpolicy_minimumuppercase: "higherIsStricter",
  linux_passwordpolicy_minimumsymbols: "higherIsStricter",
  linux_distribution_alloweddistros: "allowedDistros",
};
