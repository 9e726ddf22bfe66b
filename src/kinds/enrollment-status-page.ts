// The Windows enrollment status page (ESP): a windows10EnrollmentCompletionPageConfiguration in the polymorphic beta
// /deviceManagement/deviceEnrollmentConfigurations collection it shares with enrollment restrictions (GRAPH-NOTES
// §9.1; DOC intune-onboarding-windows10enrollmentcompletionpageconfiguration). Like a restriction it is assigned with
// /assign + `enrollmentConfigurationAssignments` and ordered with the setPriority action (§9.1, ICD
// EnrollmentConfigurations.py); the tenant's default page (`<tenantId>_DefaultWindows10EnrollmentCompletionPageConfiguration`,
// priority 0) is built in and never matched, changed or imported (kinds/index.ts builtIn).
import type { Json } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { EnrollmentStatusPage } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { observedPriority, optional } from "./kind.ts";

export const enrollmentStatusPage: KindAdapter<EnrollmentStatusPage> = {
  // Every boolean is sent: Graph stores false for an omitted one (N11), and a plan that omits one means Graph's default.
  toGraph: (p, ctx) => ({
    odataType: "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
    body: {
      displayName: p.displayName,
      ...optional("description", p.description),
      ...ctx.scopeTags(p.scopeTags),
      showInstallationProgress: p.showProgress,
      installProgressTimeoutInMinutes: p.timeoutMinutes ?? 60,
      ...optional("customErrorMessage", p.errorMessage),
      selectedMobileAppIds: Array.isArray(p.blockingApps) ? p.blockingApps.map((a) => a.toLowerCase()) : [],
      allowDeviceUseOnInstallFailure: p.onFailure?.allowUse ?? false,
      allowDeviceResetOnInstallFailure: p.onFailure?.allowReset ?? false,
      blockDeviceSetupRetryByUser: !(p.onFailure?.allowRetry ?? true),
      allowLogCollectionOnInstallFailure: p.onFailure?.collectLogs ?? false,
      trackInstallProgressForAutopilotOnly: p.autopilotOnly ?? false,
      disableUserStatusTrackingAfterFirstUser: p.firstUserOnly ?? false,
    },
    actions: [{ path: "/setPriority", body: { priority: p.priority } }],
  }),
  observe: observedPriority,
  toPlan: (_item, body, ctx) => {
    const flag = (k: string): boolean => body[k] === true;
    const apps = Array.isArray(body["selectedMobileAppIds"]) ? body["selectedMobileAppIds"].map(String) : [];
    const onFailure: Record<string, Json> = {
      ...(flag("allowDeviceUseOnInstallFailure") ? { allowUse: true } : {}),
      ...(flag("allowDeviceResetOnInstallFailure") ? { allowReset: true } : {}),
      ...(flag("blockDeviceSetupRetryByUser") ? { allowRetry: false } : {}),
      ...(flag("allowLogCollectionOnInstallFailure") ? { collectLogs: true } : {}),
    };
    const timeout = body["installProgressTimeoutInMinutes"];
    const message = body["customErrorMessage"];
    const priority = isPlainObject(body["setPriority"]) ? body["setPriority"]["priority"] : undefined;
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      showProgress: flag("showInstallationProgress"),
      ...(typeof timeout === "number" && timeout !== 60 ? { timeoutMinutes: timeout } : {}),
      ...(typeof message === "string" && message !== "" ? { errorMessage: message } : {}),
      ...(apps.length > 0 ? { blockingApps: apps } : {}),
      ...(Object.keys(onFailure).length > 0 ? { onFailure } : {}),
      ...(flag("trackInstallProgressForAutopilotOnly") ? { autopilotOnly: true } : {}),
      ...(flag("disableUserStatusTrackingAfterFirstUser") ? { firstUserOnly: true } : {}),
      priority: typeof priority === "number" ? priority : 1,
    });
  },
};
