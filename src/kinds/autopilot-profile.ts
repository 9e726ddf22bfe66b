// Windows Autopilot deployment profiles (S30 "user-assisted (pre-provisioned)" enrollment): beta
// /deviceManagement/windowsAutopilotDeploymentProfiles, @odata.type azureAD… (Entra join) or activeDirectory… (hybrid
// join) WindowsAutopilotDeploymentProfile (DOC intune-enrollment-windowsautopilotdeploymentprofile; TF
// windows_autopilot_deployment_profile/construct.go chooses the type by join). Property names are the documented beta
// ones (language, enableWhiteGlove, extractHardwareHash, outOfBoxExperienceSettings); the types package
// also lists newer twins (locale, preprovisioningAllowed, hardwareHashExtractionEnabled, outOfBoxExperienceSetting) that
// TF sends: which of the two the service echoes back is UNCONFIRMED, so the plan writes and compares only the first.
// Assignments are child entities, not /assign: written by graph/apply-object.ts (assignChildren), as terms and
// conditions' are.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject, shortType } from "../graph-model/json.ts";
import { AUTOPILOT_DEVICE_TYPES, AUTOPILOT_PROFILE_TYPES } from "../graph-model/vocabulary.ts";
import type { AutopilotProfile } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

/** Plan `oobe` word → Graph outOfBoxExperienceSettings property (beta outOfBoxExperienceSettings complex type). */
const OOBE: Readonly<Record<string, string>> = {
  userType: "userType",
  deviceUsage: "deviceUsageType",
  hidePrivacySettings: "hidePrivacySettings",
  hideEULA: "hideEULA",
  skipKeyboardSelection: "skipKeyboardSelectionPage",
  hideChangeAccount: "hideEscapeLink",
};

/**
 * The OOBE block as Graph holds it: every boolean present (Graph stores false for an omitted one, N11), userType
 * and deviceUsageType at Graph's documented defaults (administrator, singleUser) unless the plan says otherwise.
 */
function oobeBody(o: AutopilotProfile["oobe"]): JsonObject {
  return {
    hidePrivacySettings: o?.hidePrivacySettings ?? false,
    hideEULA: o?.hideEULA ?? false,
    userType: o?.userType ?? "administrator",
    deviceUsageType: o?.deviceUsage ?? "singleUser",
    skipKeyboardSelectionPage: o?.skipKeyboardSelection ?? false,
    hideEscapeLink: o?.hideChangeAccount ?? false,
  };
}

export const autopilotProfile: KindAdapter<AutopilotProfile> = {
  toGraph: (p, ctx) => ({
    odataType: `#microsoft.graph.${AUTOPILOT_PROFILE_TYPES[p.join]}`,
    body: {
      displayName: p.displayName,
      ...optional("description", p.description),
      ...ctx.scopeTags(p.scopeTags),
      deviceType: p.deviceType ?? "windowsPc",
      enableWhiteGlove: p.preProvisioning ?? false,
      extractHardwareHash: p.convertTargetedDevices ?? false,
      ...optional("deviceNameTemplate", p.deviceNameTemplate),
      language: p.language ?? "os-default",
      outOfBoxExperienceSettings: oobeBody(p.oobe),
    },
  }),
  toPlan: (_item, body, ctx) => {
    const join = planWordOf(AUTOPILOT_PROFILE_TYPES, shortType(body["@odata.type"]));
    if (!join) {
      ctx.note(`Autopilot profile type ${String(body["@odata.type"])} is not a plan join type; left out`);
      return undefined;
    }
    const o = isPlainObject(body["outOfBoxExperienceSettings"]) ? body["outOfBoxExperienceSettings"] : {};
    const defaults = oobeBody(undefined);
    const oobe: Record<string, Json> = {};
    for (const [word, prop] of Object.entries(OOBE)) if (o[prop] !== undefined && o[prop] !== defaults[prop]) oobe[word] = o[prop] ?? null;
    const deviceType = String(body["deviceType"] ?? "windowsPc");
    const template = body["deviceNameTemplate"];
    const language = body["language"];
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      join,
      ...((AUTOPILOT_DEVICE_TYPES as readonly string[]).includes(deviceType) && deviceType !== "windowsPc" ? { deviceType } : {}),
      ...(body["enableWhiteGlove"] === true ? { preProvisioning: true } : {}),
      ...(body["extractHardwareHash"] === true ? { convertTargetedDevices: true } : {}),
      ...(typeof template === "string" && template !== "" ? { deviceNameTemplate: template } : {}),
      ...(typeof language === "string" && language !== "" && language !== "os-default" ? { language } : {}),
      ...(Object.keys(oobe).length > 0 ? { oobe } : {}),
    });
  },
};
