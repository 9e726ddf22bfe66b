// Compliance notification message templates (issue 14), end to end: the plan section and its checks (positioned
// diagnostics), the adapter both ways, apply then preview on the emulator with a compliance action naming the template
// by key, an update that sends one request per changed message and none for the others, import mapping the tenant's
// template id back to the plan key, and the emulator refusing what Graph refuses.
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredState } from "../../src/compile/desired-state.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { updateObject } from "../../src/graph/apply-object.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { importPlan } from "../../src/graph/import-plan.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { notificationTemplate } from "../../src/kinds/notification-template.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { applyState, emulator, fastClient, writeContext } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const TEMPLATE = `notificationTemplates:
  noncompliance-email:
    displayName: Device not compliant
    branding: [includeCompanyLogo, includeCompanyName]
    messages:
      en-us: { subject: Fix your device, body: Open Company Portal, default: true }
      de-de: { subject: Gerät reparieren, body: Unternehmensportal öffnen }
      fr-fr: { subject: Réparez votre appareil, body: Ouvrez le Portail d'entreprise }
`;
const COMPLIANCE = `compliance:
  ios-baseline:
    displayName: iOS baseline
    platform: iOS
    settings: { passcodeRequired: true }
    actions:
      - { action: block, graceHours: 24 }
      - { action: notification, graceHours: 4, template: noncompliance-email }
`;

function planOf(text: string): Plan {
  const checked = checkPlan([{ path: "plan.yaml", bytes: Buffer.from(text) }]);
  expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (!checked.plan) throw new Error("no plan");
  return checked.plan;
}

/** `code@line:col` of each error the text gets (1-based lines as in the file). */
function errors(text: string): string[] {
  return checkPlan([{ path: "plan.yaml", bytes: Buffer.from(text) }])
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code}@${d.subject?.start.line ?? "?"}`);
}

async function preview(client: ReturnType<typeof fastClient>, state: DesiredState, ids: ReadonlyMap<string, string>) {
  const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
  return diffStates(read.view, viewOfDesired(state, "plan"), { plan: "p" });
}

describe("notification templates", () => {
  it("compile to the template body with its messages by locale, and read back as the same plan object", () => {
    const plan = planOf(TEMPLATE);
    const t = plan.notificationTemplates["noncompliance-email"];
    if (!t) throw new Error("missing");
    const { body } = notificationTemplate.toGraph(t, compileContext, "noncompliance-email");
    expect(body["brandingOptions"]).toBe("includeCompanyLogo,includeCompanyName");
    expect((body["localizedNotificationMessages"] as JsonObject[]).map((m) => `${String(m["locale"])}:${String(m["isDefault"])}`)).toEqual([
      "de-de:false",
      "en-us:true",
      "fr-fr:false",
    ]);
    const notes: string[] = [];
    const importCtx = importContext(notes);
    expect(notificationTemplate.toPlan({}, JSON.parse(JSON.stringify(body)) as JsonObject, importCtx)).toEqual(
      JSON.parse(JSON.stringify(t)),
    );
    expect(notificationTemplate.toPlan({}, { displayName: "x", brandingOptions: "none" }, importCtx)).toEqual({
      displayName: "x",
      messages: {},
    });
    expect(notes).toEqual([]);
  });

  it("a compliance action names the template by key (a reference), or by the id of a template the plan does not manage", () => {
    const plan = planOf(`${TEMPLATE}${COMPLIANCE}      - { action: notification, template: 6eb92564-c50c-46a8-b9a3-8aa0d3c09ade }\n`);
    const policy = compile(plan, undefined).objects.find((o) => o.address === "compliance.ios-baseline");
    const rules = policy?.body["scheduledActionsForRule"] as JsonObject[];
    const configs = rules[0]?.["scheduledActionConfigurations"] as JsonObject[];
    expect(configs.map((c) => c["notificationTemplateId"])).toEqual([
      "",
      { $ref: "notificationTemplates.noncompliance-email" },
      "6eb92564-c50c-46a8-b9a3-8aa0d3c09ade",
    ]);
    expect(policy?.dependsOn).toContain("notificationTemplates.noncompliance-email");
  });

  it("refuses two defaults, no default, a malformed locale, an unknown branding option and a dangling key, each at its line", () => {
    expect(
      errors(
        TEMPLATE.replace(
          "de-de: { subject: Gerät reparieren, body: Unternehmensportal öffnen }",
          "de-de: { subject: G, body: U, default: true }",
        ),
      ),
    ).toEqual(["IP151@7"]);
    expect(errors(TEMPLATE.replace(", default: true", ""))).toEqual(["IP150@5"]);
    expect(errors(TEMPLATE.replace("fr-fr:", "French:"))).toEqual(["IP152@8"]);
    expect(errors(TEMPLATE.replace("includeCompanyName]", "includeCompanyBanner]"))).toEqual(["IP013@4"]);
    expect(errors(`${TEMPLATE}${COMPLIANCE.replace("template: noncompliance-email", "template: noncompliance-mail")}`)).toEqual([
      "IP082@16",
    ]);
    const [dangling] = checkPlan([
      {
        path: "plan.yaml",
        bytes: Buffer.from(`${TEMPLATE}${COMPLIANCE.replace("template: noncompliance-email", "template: noncompliance-mail")}`),
      },
    ]).diagnostics;
    expect(dangling?.message).toContain("did you mean noncompliance-email?");
  });

  it("apply then preview shows no change, the policy emails the template's id, and import names it by key again", async () => {
    const plan = planOf(`${TEMPLATE}${COMPLIANCE}`);
    const state = compile(plan, undefined);
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      expect(emu.log.filter((l) => l.status >= 400)).toEqual([]);
      const templateId = ids.get("notificationTemplates.noncompliance-email") ?? "";
      // The template first, then its messages (the default first), then the policy that names it.
      const policyId = ids.get("compliance.ios-baseline") ?? "";
      expect(emu.log.filter((l) => l.method === "POST").map((l) => l.path.replace(templateId, "{t}").replace(policyId, "{p}"))).toEqual([
        "/beta/deviceManagement/notificationMessageTemplates",
        "/beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages",
        "/beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages",
        "/beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages",
        "/beta/deviceManagement/deviceCompliancePolicies",
        "/beta/deviceManagement/deviceCompliancePolicies/{p}/assign",
      ]);
      const stored = emu.tenant.data.collections["/deviceManagement/notificationMessageTemplates"]?.[templateId]?.body;
      expect(stored?.["defaultLocale"]).toBe("en-us");
      const policy = emu.tenant.data.collections["/deviceManagement/deviceCompliancePolicies"]?.[policyId]?.body;
      expect(JSON.stringify(policy?.["scheduledActionsForRule"])).toContain(`"notificationTemplateId":"${templateId}"`);

      const set = await preview(client, state, ids);
      expect(set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.address} ${JSON.stringify(o.properties)}`)).toEqual([]);
      expect(hasChanges(set)).toBe(false);

      const read = await readTenant(client, { label: "emulator" });
      const { plan: imported } = importPlan(read, "imported");
      const templates = imported["notificationTemplates"] as Record<string, JsonObject>;
      const [key] = Object.keys(templates);
      expect(templates[key ?? ""]).toMatchObject({
        displayName: "Device not compliant",
        adopt: true,
        messages: { "en-us": { default: true } },
      });
      const actions = (imported["compliance"] as Record<string, { actions: JsonObject[] }>)["ios-baseline"]?.actions;
      expect(actions?.[1]).toEqual({ action: "notification", graceHours: 4, template: key });
      const again = checkPlan([{ path: "imported.yaml", bytes: Buffer.from(stringify(imported)) }]);
      expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("an update sends one request per changed message, none for an unchanged one, and preview then shows no change", async () => {
    const before = compile(planOf(`${TEMPLATE}${COMPLIANCE}`), undefined);
    // de-de becomes the default with a new subject, fr-fr goes, es-es comes, en-us stays as it was.
    const after = compile(
      planOf(
        `${TEMPLATE.replace(", default: true", "")
          .replace("de-de: { subject: Gerät reparieren,", "de-de: { default: true, subject: Gerät jetzt reparieren,")
          .replace(
            "fr-fr: { subject: Réparez votre appareil, body: Ouvrez le Portail d'entreprise }",
            "es-es: { subject: Repare su dispositivo, body: Abra el Portal de empresa }",
          )}${COMPLIANCE}`,
      ),
      undefined,
    );
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, before);
      const id = ids.get("notificationTemplates.noncompliance-email") ?? "";
      const ctx = writeContext(client, ids);
      const obj = after.objects.find((o) => o.kind === "notificationTemplate");
      const last = before.objects.find((o) => o.kind === "notificationTemplate");
      if (!obj || !last) throw new Error("missing");
      const from = emu.log.length;
      await updateObject(ctx, obj, id, { obj: last, idOf: ctx.idOf, secretOf: ctx.secretOf });
      expect(emu.log.slice(from).map((l) => `${l.method} ${l.path.replaceAll(id, "{t}")} ${l.status}`)).toEqual([
        "GET /beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages 200",
        "PATCH /beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages/{t}_de-de 200",
        "POST /beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages 201",
        "DELETE /beta/deviceManagement/notificationMessageTemplates/{t}/localizedNotificationMessages/{t}_fr-fr 204",
      ]);
      const stored = emu.tenant.data.collections["/deviceManagement/notificationMessageTemplates"]?.[id]?.body;
      expect(stored?.["defaultLocale"]).toBe("de-de");
      const set = await preview(client, after, ids);
      expect(set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.address} ${JSON.stringify(o.properties)}`)).toEqual([]);
      // Written again as it is: not one request.
      const still = emu.log.length;
      await updateObject(ctx, obj, id, { obj, idOf: ctx.idOf, secretOf: ctx.secretOf });
      expect(emu.log.length).toBe(still);
      // The preview before that update named the locales that changed.
      const drift = await preview(client, before, ids);
      const changed = drift.objects.find((o) => o.address === "notificationTemplates.noncompliance-email");
      expect(changed?.properties.map((p) => p.path.join(".")).sort()).toEqual([
        "localizedNotificationMessages.de-de.isDefault",
        "localizedNotificationMessages.de-de.subject",
        "localizedNotificationMessages.en-us.isDefault",
        "localizedNotificationMessages.es-es",
        "localizedNotificationMessages.fr-fr",
      ]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("the emulator refuses what Graph refuses: unknown branding, inline messages, a second message per locale, unsetting the default", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const path = "/deviceManagement/notificationMessageTemplates";
      const status = async (p: Promise<unknown>): Promise<number> => {
        try {
          await p;
          return 200;
        } catch (error) {
          return error instanceof GraphRequestError ? error.status : -1;
        }
      };
      expect(await status(client.create(path, { displayName: "T", brandingOptions: "includeCompanyLogo,includeCompanyBanner" }))).toBe(400);
      expect(
        await status(
          client.create(path, {
            displayName: "T",
            localizedNotificationMessages: [{ locale: "en-us", subject: "s", messageTemplate: "m" }],
          }),
        ),
      ).toBe(400);
      const id = String((await client.create(path, { displayName: "T", brandingOptions: "includeCompanyLogo,includeCompanyName" }))["id"]);
      const messages = `${path}/${id}/localizedNotificationMessages`;
      const en = await client.create(messages, { locale: "en-us", subject: "s", messageTemplate: "m", isDefault: true });
      expect(en["id"]).toBe(`${id}_en-us`);
      expect(await status(client.create(messages, { locale: "en-us", subject: "s2", messageTemplate: "m2" }))).toBe(409);
      expect(await status(client.create(messages, { locale: "de-de", subject: "s" }))).toBe(400);
      expect(await status(client.patch(`${messages}/${id}_en-us`, { isDefault: false }))).toBe(400);
      expect(await status(client.patch(`${messages}/${id}_en-us`, { locale: "de-de" }))).toBe(400);
      expect(await status(client.delete(`${messages}/${id}_xx-xx`))).toBe(404);
      // Messages are not part of the template unless expanded.
      expect((await client.get(`${path}/${id}`))["localizedNotificationMessages"]).toBeUndefined();
      const [listed] = await client.list(`${path}?$expand=localizedNotificationMessages`);
      expect((listed?.["localizedNotificationMessages"] as JsonObject[]).map((m) => m["locale"])).toEqual(["en-us"]);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
