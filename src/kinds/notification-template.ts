// Compliance notification message templates (issue 14): /beta/deviceManagement/notificationMessageTemplates, the
// email a compliance policy's notification action sends, with one localized message per locale in the child
// collection localizedNotificationMessages. What Graph does, and where that is written down (TF: the Terraform
// provider deploymenttheory/terraform-provider-microsoft365, package graphBetaDeviceComplianceNotificationTemplate,
// crud.go, and its portal network captures; ICD: IntuneCD's NotificationTemplateBackupModule and
// NotificationTemplateUpdateModule; DOC: learn.microsoft.com intune-notification-* pages):
// - POST the template (displayName, description, brandingOptions, roleScopeTagIds) without its messages, then POST
//   each message to {id}/localizedNotificationMessages, the default first (TF Create; ICD _post_locale_data). Deep
//   insert of the messages with the template: UNCONFIRMED, never relied on.
// - A message's id is `<templateId>_<locale>` (TF captures); PATCH {id}/localizedNotificationMessages/{messageId}
//   with subject and messageTemplate changes it (200 + body: ICD status_code=200), DELETE removes a locale (TF Update).
// - `brandingOptions` is a flags enum sent as a comma list ("includeCompanyLogo,includeCompanyName"; TF captures of
//   the portal's POST and PATCH), which also show `defaultLocale` null after the template's POST and set to the
//   default message's locale once that is posted: it is Graph's, never written here (ICD leaves it out of its diff).
// - `isDefault` "can only be set. To unset, set this property to true on another" message (DOC,
//   localizedNotificationMessage resource): a new default is set before the old default's locale is deleted.
// - The list reads the messages with `$expand=localizedNotificationMessages` (ICD backup lists the collection so;
//   TF reads one template with the same $expand).
// The write of the messages is graph/notification-messages.ts's (syncMessages): the body carries them as
// `localizedNotificationMessages`, sorted by locale, which write.ts keeps out of the template's own POST and PATCH.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { NotificationTemplate } from "../plan/schema.ts";
import { NOTIFICATION_BRANDING } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

/** The body property that carries the localized messages (the child collection's name). */
export const MESSAGES = "localizedNotificationMessages";

/** Graph's brandingOptions for a plan's branding list: the flags in Graph's member order, or "none". */
export function brandingOptions(branding: readonly string[] | undefined): string {
  const set = new Set(branding ?? []);
  const flags = NOTIFICATION_BRANDING.filter((b) => set.has(b));
  return flags.length > 0 ? flags.join(",") : "none";
}

/** Locales are ASCII (IP152): plain code-unit order, the same on every machine. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A message as the template's body carries it (and as read back, ids dropped). */
const message = (locale: string, subject: Json, body: Json, isDefault: boolean): JsonObject => ({
  locale,
  subject,
  messageTemplate: body,
  isDefault,
});

/** Messages of a read-back body, by locale, without Graph's ids and timestamps. */
export function readMessages(value: Json | undefined): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isPlainObject)
    .map((m) => message(String(m["locale"] ?? ""), m["subject"] ?? null, m["messageTemplate"] ?? null, m["isDefault"] === true))
    .sort((a, b) => byText(String(a["locale"]), String(b["locale"])));
}

/**
 * The order messages are created in: the default first (on a new template it sets defaultLocale, as the Terraform
 * provider's Create does; on an existing one it moves the default before the old default's message may go), then by
 * locale. Apply (graph/notification-messages.ts) and compile --requests (compile/requests.ts) share it.
 */
export const inWriteOrder = (messages: readonly JsonObject[]): JsonObject[] => [
  ...messages.filter((m) => m["isDefault"] === true),
  ...messages.filter((m) => m["isDefault"] !== true),
];

export const notificationTemplate: KindAdapter<NotificationTemplate> = {
  toGraph: (t, ctx) => ({
    odataType: "#microsoft.graph.notificationMessageTemplate",
    body: {
      displayName: t.displayName,
      ...optional("description", t.description),
      brandingOptions: brandingOptions(t.branding),
      ...ctx.scopeTags(t.scopeTags),
      [MESSAGES]: Object.keys(t.messages)
        .sort(byText)
        .map((locale) => {
          const m = t.messages[locale];
          return message(locale, m?.subject ?? "", m?.body ?? "", m?.default === true);
        }),
    },
  }),
  // The localized messages as toGraph writes them: by locale, without Graph's ids and timestamps.
  observe: (body, item) => (Array.isArray(item[MESSAGES]) ? { ...body, [MESSAGES]: readMessages(item[MESSAGES]) } : body),
  toPlan: (_item, body, ctx) => {
    const flags = String(body["brandingOptions"] ?? "none")
      .split(",")
      .map((f) => f.trim())
      .filter((f) => f !== "" && f !== "none");
    const unknown = flags.filter((f) => !(NOTIFICATION_BRANDING as readonly string[]).includes(f));
    if (unknown.length > 0) ctx.note(`branding ${unknown.join(", ")} is not a plan branding option; left out`);
    const messages: Record<string, Json> = {};
    for (const m of readMessages(body[MESSAGES]))
      messages[String(m["locale"])] = {
        subject: m["subject"] ?? "",
        body: m["messageTemplate"] ?? "",
        ...(m["isDefault"] === true ? { default: true } : {}),
      };
    const branding = flags.filter((f) => !unknown.includes(f));
    return {
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      ...(branding.length > 0 ? { branding } : {}),
      messages,
    };
  },
};
