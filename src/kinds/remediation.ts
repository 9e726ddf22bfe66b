// Remediations (script packages): /beta/deviceManagement/deviceHealthScripts (Graph docs
// intune-devices-devicehealthscript; TF windows_remediation_script; IntuneCD ProactiveRemediation.py). A detection
// .ps1 and an optional remediation .ps1, each base64 in detectionScriptContent / remediationScriptContent. A package
// without a remediation script only detects: its assignments say runRemediationScript false (compile.ts). The run
// schedule is per assignment (deviceHealthScriptAssignment.runSchedule), compiled from the plan's `schedule`.
import type { JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { Remediation, RemediationSchedule } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";
import { decodeScript, encodeScript } from "../graph-model/script-content.ts";

const SCHEDULE_TYPES = {
  daily: "#microsoft.graph.deviceHealthScriptDailySchedule",
  hourly: "#microsoft.graph.deviceHealthScriptHourlySchedule",
  once: "#microsoft.graph.deviceHealthScriptRunOnceSchedule",
} as const;

/**
 * The runSchedule of each assignment target (TF construct_assignment.go constructRunSchedule: daily = interval,
 * time, useUtc; hourly = interval; once = date, time, useUtc). Without a plan schedule: daily at midnight local time,
 * the portal's default ("rerun every 24 hours", memdocs remediations.md); what Graph stores when runSchedule is
 * omitted is UNCONFIRMED, so one is always sent.
 */
export function runSchedule(s: RemediationSchedule | undefined): JsonObject {
  const every = s?.every ?? "daily";
  const time = `${s?.time ?? "00:00"}:00`;
  if (every === "hourly") return { "@odata.type": SCHEDULE_TYPES.hourly, interval: s?.interval ?? 1 };
  if (every === "once") return { "@odata.type": SCHEDULE_TYPES.once, interval: 1, date: s?.date ?? null, time, useUtc: s?.useUtc ?? false };
  return { "@odata.type": SCHEDULE_TYPES.daily, interval: s?.interval ?? 1, time, useUtc: s?.useUtc ?? false };
}

/** The plan schedule of a Graph runSchedule (import), or undefined for the compiled default. */
export function planSchedule(graph: JsonObject | undefined): JsonObject | undefined {
  if (!graph) return undefined;
  const type = String(graph["@odata.type"] ?? "").replace(/^#?/, "#");
  const every = (Object.keys(SCHEDULE_TYPES) as (keyof typeof SCHEDULE_TYPES)[]).find((k) => SCHEDULE_TYPES[k] === type);
  if (!every) return undefined;
  const time = typeof graph["time"] === "string" ? graph["time"].slice(0, 5) : undefined;
  const out: JsonObject = {
    every,
    ...(every !== "once" && typeof graph["interval"] === "number" && graph["interval"] !== 1 ? { interval: graph["interval"] } : {}),
    ...(every !== "hourly" && time ? { time } : {}),
    ...(every === "once" && typeof graph["date"] === "string" ? { date: graph["date"].slice(0, 10) } : {}),
    ...(every !== "hourly" && graph["useUtc"] === true ? { useUtc: true } : {}),
  };
  return every === "daily" && Object.keys(out).length === 2 && out["time"] === "00:00" ? undefined : out;
}

export const remediation: KindAdapter<Remediation> = {
  toGraph: (r, ctx) => ({
    odataType: "#microsoft.graph.deviceHealthScript",
    body: {
      displayName: r.displayName,
      ...optional("description", r.description),
      ...optional("publisher", r.publisher),
      ...ctx.scopeTags(r.scopeTags),
      detectionScriptContent: encodeScript(r.detection.text),
      ...(r.remediation ? { remediationScriptContent: encodeScript(r.remediation.text) } : {}),
      runAsAccount: r.runAs ?? "system",
      enforceSignatureCheck: r.enforceSignatureCheck ?? false,
      runAs32Bit: r.runAs32Bit ?? false,
    },
  }),
  toPlan: (_item, body, ctx) => {
    const detection = decodeScript(body["detectionScriptContent"]);
    if (detection === undefined) {
      ctx.note("Graph returned no detection script; left out");
      return undefined;
    }
    const remediationText = decodeScript(body["remediationScriptContent"]);
    const schedule = planSchedule(
      isPlainObject(ctx.targetSettings()?.["runSchedule"]) ? (ctx.targetSettings()?.["runSchedule"] as JsonObject) : undefined,
    );
    const plan: JsonObject = {
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      ...(typeof body["publisher"] === "string" && body["publisher"] !== "" ? { publisher: body["publisher"] } : {}),
      detection: ctx.file("detect.ps1", detection),
      ...(remediationText !== undefined && remediationText !== "" ? { remediation: ctx.file("remediate.ps1", remediationText) } : {}),
      ...(body["runAsAccount"] === "user" ? { runAs: "user" } : {}),
      ...(body["enforceSignatureCheck"] === true ? { enforceSignatureCheck: true } : {}),
      ...(body["runAs32Bit"] === true ? { runAs32Bit: true } : {}),
      ...(schedule ? { schedule } : {}),
    };
    return ctx.withAssignment(plan);
  },
};
