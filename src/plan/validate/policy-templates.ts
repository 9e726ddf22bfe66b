// Template-based settings-catalog policies (endpoint security, security baselines; GRAPH-NOTES §7.2 templateReference)
// checked against the plan folder's policy-templates snapshot (graph-model/policy-templates.ts): a family Graph does
// not have or an unknown template id (IP250, "did you mean"), a family other than the template's (IP251), a setting
// the template does not hold (IP252), a platform or technologies other than the template's (IP253), and a newer
// version of the template than the one the plan records (IP254, a warning). A template on a profile that is not a
// settings-catalog policy is IP256. Without a snapshot only the family is checked. Pure.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import type { PolicyTemplate } from "../../graph-model/policy-templates.ts";
import { newerTemplate, TEMPLATE_FAMILIES } from "../../graph-model/policy-templates.ts";
import { SETTINGS_CATALOG_PLATFORMS } from "../../graph-model/vocabulary.ts";
import type { ConfigurationPolicy, Plan } from "../schema.ts";

const didYouMean = (near: string | undefined): string => (near ? `; did you mean ${near}?` : "");
const flagSet = (v: string): string =>
  v
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join(",");

/** The top-level settingDefinitionIds a policy writes, each with the plan path of where it is written. */
function writtenSettings(key: string, settings: ConfigurationPolicy["settings"]): { id: string; path: PlanPath; atKey: boolean }[] {
  const at: PlanPath = ["configuration", key, "settings"];
  if (Array.isArray(settings))
    return settings.flatMap((s, i) => {
      const inst = typeof s === "object" && s !== null ? (s as Record<string, unknown>)["settingInstance"] : undefined;
      const id = typeof inst === "object" && inst !== null ? (inst as Record<string, unknown>)["settingDefinitionId"] : undefined;
      return typeof id === "string" ? [{ id, path: [...at, i, "settingInstance", "settingDefinitionId"], atKey: false }] : [];
    });
  return Object.keys(settings ?? {}).map((id) => ({ id, path: [...at, id], atKey: true }));
}

function checkPolicy(key: string, p: ConfigurationPolicy, templates: Readonly<Record<string, PolicyTemplate>> | undefined): Diagnostic[] {
  const template = p.template;
  if (!template) return [];
  const at: PlanPath = ["configuration", key, "template"];
  if (p.profile !== "settingsCatalog")
    return [diagnostic("IP256", { path: at, atKey: true, message: `${p.profile} profiles are not made from templates` })];
  const out: Diagnostic[] = [];
  const families: readonly string[] = TEMPLATE_FAMILIES;
  if (!families.includes(template.family))
    out.push(
      diagnostic("IP250", {
        path: [...at, "family"],
        message: `${template.family} is not a template family${didYouMean(suggest(template.family, families))}`,
        hint: `Template families: ${families.join(", ")}.`,
      }),
    );
  if (!templates) return out;
  const found = Object.hasOwn(templates, template.id) ? templates[template.id] : undefined;
  if (!found) {
    // Same family first: the likely intent is another version or a sibling template of the family.
    const sameFamily = Object.keys(templates).filter((id) => templates[id]?.family === template.family);
    const near = suggest(template.id, sameFamily) ?? suggest(template.id, Object.keys(templates));
    out.push(
      diagnostic("IP250", {
        path: [...at, "id"],
        message: `${template.id} is not a known policy template${didYouMean(near)}`,
        ...(!near && sameFamily.length > 0 ? { hint: `Templates of ${template.family}: ${sameFamily.join(", ")}.` } : {}),
      }),
    );
    return out;
  }
  const named = `${found.displayName} (${found.displayVersion})`;
  if (families.includes(template.family) && found.family !== template.family)
    out.push(
      diagnostic("IP251", {
        path: [...at, "family"],
        message: `template ${template.id} (${named}) is of family ${found.family}, not ${template.family}`,
      }),
    );
  const platform = SETTINGS_CATALOG_PLATFORMS[p.platform];
  if (platform !== found.platforms)
    out.push(
      diagnostic("IP253", {
        path: ["configuration", key, "platform"],
        message: `${named} is a ${found.platforms} template; the policy's platform ${p.platform} is ${platform} in Graph`,
      }),
    );
  const technologies = p.technologies ?? "mdm";
  if (flagSet(technologies) !== flagSet(found.technologies))
    out.push(
      diagnostic("IP253", {
        path: ["configuration", key, p.technologies === undefined ? "template" : "technologies"],
        atKey: p.technologies === undefined,
        message: `${named} takes technologies ${found.technologies}; the policy has ${technologies}`,
        hint: `Write technologies: ${found.technologies}.`,
      }),
    );
  if (found.settings) {
    const ids = Object.keys(found.settings);
    for (const w of writtenSettings(key, p.settings))
      if (!Object.hasOwn(found.settings, w.id))
        out.push(
          diagnostic("IP252", {
            path: w.path,
            atKey: w.atKey,
            message: `${w.id} is not a setting of ${named}${didYouMean(suggest(w.id, ids))}`,
          }),
        );
  }
  const newer = newerTemplate(templates, template.id);
  if (newer)
    out.push(
      diagnostic("IP254", {
        path: [...at, "id"],
        message: `${named} has a newer version: ${newer[1].displayVersion} (${newer[0]}); the plan records version ${found.version}`,
      }),
    );
  return out;
}

export function checkPolicyTemplates(plan: Plan, templates: Readonly<Record<string, PolicyTemplate>> | undefined): Diagnostic[] {
  return Object.entries(plan.configuration).flatMap(([key, p]) => checkPolicy(key, p, templates));
}
