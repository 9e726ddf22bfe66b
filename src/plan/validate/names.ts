// Duplicate displayNames per Graph collection (IP031), group mail nicknames (IP046) and former keys (IP033).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { KeyedSection, Plan } from "../schema.ts";
import { KEYED_SECTION_NAMES } from "../schema.ts";

/** Sections that share one Graph collection: their displayNames must be unique together. */
const COLLECTION_OF: Partial<Record<KeyedSection, string>> = { configuration: "configuration" };

export function checkNames(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { section: KeyedSection; key: string }>();
  for (const section of KEYED_SECTION_NAMES) {
    for (const [key, obj] of Object.entries(plan[section] as Record<string, { displayName: string }>)) {
      const collection = COLLECTION_OF[section] ?? section;
      const id = `${collection}\u0000${obj.displayName.toLowerCase()}`;
      const first = seen.get(id);
      if (first) {
        out.push(
          diagnostic("IP031", {
            path: [section, key, "displayName"],
            message: `displayName ${JSON.stringify(obj.displayName)} is also used by ${first.section}.${first.key}`,
            related: [{ message: "the other object", path: [first.section, first.key, "displayName"] }],
          }),
        );
      } else seen.set(id, { section, key });
    }
  }
  out.push(...checkFormerKeys(plan));
  for (const [key, group] of Object.entries(plan.groups)) {
    const nick = group.mailNickname;
    if (nick !== undefined && (nick.length === 0 || nick.length > 64 || /[@()\\[\]";:.<>, ]|[^\x20-\x7e]/.test(nick))) {
      out.push(
        diagnostic("IP046", { path: ["groups", key, "mailNickname"], message: `mailNickname ${JSON.stringify(nick)} is not valid` }),
      );
    }
  }
  return out;
}

/** A former key (`renamedFrom`) names one object's past: it is not a current key, and no other object claims it. */
function checkFormerKeys(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const section of KEYED_SECTION_NAMES) {
    const objects = plan[section] as Record<string, { renamedFrom?: readonly string[] }>;
    const claimed = new Map<string, string>();
    for (const [key, obj] of Object.entries(objects)) {
      (obj.renamedFrom ?? []).forEach((old, i) => {
        const path = [section, key, "renamedFrom", i];
        if (Object.hasOwn(objects, old))
          out.push(diagnostic("IP033", { path, message: `${section}.${old} still exists: a former key cannot also be a current one` }));
        else if (claimed.has(old))
          out.push(
            diagnostic("IP033", {
              path,
              message: `${section}.${old} is also claimed as a former key by ${section}.${claimed.get(old) ?? ""}`,
              related: [{ message: "the other claim", path: [section, claimed.get(old) ?? "", "renamedFrom"] }],
            }),
          );
        else claimed.set(old, key);
      });
    }
  }
  return out;
}
