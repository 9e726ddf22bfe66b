// Notification message templates: one message per locale, named by a lower-case language tag (IP152), and exactly
// one of them the default (IP150, IP151). Graph keeps one default locale per template: setting isDefault on a
// message moves it there, and it "can only be set" (Graph docs, localizedNotificationMessage resource), so a plan
// with two defaults or none has no single meaning.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";

/** Intune's locale ids: language-region in lower case, as it builds message ids (`<templateId>_en-us`). */
export const LOCALE = /^[a-z]{2,3}-[a-z0-9]{2,4}$/;

export function checkNotificationTemplates(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, template] of Object.entries(plan.notificationTemplates)) {
    const at = ["notificationTemplates", key, "messages"];
    const locales = Object.keys(template.messages);
    for (const locale of locales)
      if (!LOCALE.test(locale))
        out.push(
          diagnostic("IP152", {
            path: [...at, locale],
            atKey: true,
            message: `${JSON.stringify(locale)} is not a locale like en-us or de-de`,
          }),
        );
    const defaults = locales.filter((l) => template.messages[l]?.default === true);
    if (defaults.length === 0)
      out.push(diagnostic("IP150", { path: at, atKey: true, message: `notification template ${key} has no default message` }));
    for (const locale of defaults.slice(1))
      out.push(
        diagnostic("IP151", {
          path: [...at, locale, "default"],
          message: `notification template ${key} marks ${defaults.length} messages as default (${defaults.join(", ")})`,
          related: [{ message: "first default", path: [...at, defaults[0] ?? "", "default"] }],
        }),
      );
  }
  return out;
}
