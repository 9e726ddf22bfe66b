// `npm run corpus` (optional, not part of npm test): posts every real Intune/Entra body in ../shared/graph-corpus
// to the emulator, the way an import tool would send it, and reports how many it accepts and why it refuses the
// rest. A check of the emulator's fidelity to real objects: refusals should be Graph's own rules (a compliance
// policy without its block action, an enum value Microsoft's types do not have), not emulator gaps. Exits 1 when
// an answer is neither a creation nor a 400 validation refusal (401, 404, 5xx: the check itself or the emulator broke).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { seedTenant } from "../src/emulator/seeds.ts";
import { startEmulator } from "../src/emulator/server.ts";

const CORPUS = resolve(process.argv[2] ?? join(import.meta.dirname, "..", "..", "shared", "graph-corpus"));
const SKIP_DIRS = new Set(["schema", "licenses", "analysis"]);
/** What an export carries that an import never sends: OData annotations, ids, navigation payloads. */
const EXPORT_ONLY =
  /^(#.*|@odata\.(context|id|etag|editLink)|.*@odata\.(context|navigationLink|associationLink)|assignments|id|createdDateTime|lastModifiedDateTime|version|settingCount|isAssigned|deployedAppCount|roleScopeTagIds@odata\..*)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP_DIRS.has(name) ? [] : files(path);
    return name.endsWith(".json") ? [path] : [];
  });
}

const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const clean = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => !EXPORT_ONLY.test(k)));

/** The collection a body belongs to, from its @odata.type or its shape; undefined for bodies that are not objects (assign bodies, templates). */
function collectionOf(o: Obj): string | undefined {
  const type = String(o["@odata.type"] ?? "").replace("#microsoft.graph.", "");
  if (/CompliancePolicy$/.test(type)) return "/beta/deviceManagement/deviceCompliancePolicies";
  if (type === "deviceManagementConfigurationPolicy" || ("settings" in o && "platforms" in o))
    return "platforms" in o && o["platforms"] === "linux" && "scheduledActionsForRule" in o
      ? "/beta/deviceManagement/compliancePolicies"
      : "/beta/deviceManagement/configurationPolicies";
  if (/ManagedAppProtection$/.test(type)) return `/beta/deviceAppManagement/${type.charAt(0).toLowerCase()}${type.slice(1)}s`;
  if (/Configuration$|Profile$/.test(type) && !/Enrollment/.test(type)) return "/beta/deviceManagement/deviceConfigurations";
  if (type === "deviceAndAppManagementAssignmentFilter" || ("rule" in o && "platform" in o))
    return "/beta/deviceManagement/assignmentFilters";
  if (type === "roleScopeTag") return "/beta/deviceManagement/roleScopeTags";
  if (type === "deviceCategory") return "/beta/deviceManagement/deviceCategories";
  if (type === "group" || "securityEnabled" in o || "mailNickname" in o) return "/v1.0/groups";
  return undefined;
}

if (!existsSync(CORPUS)) {
  console.log(`no corpus at ${CORPUS}; nothing to check`);
  process.exit(0);
}
// The corpus uses ~1,600 real setting ids and a dozen templates; the emulator's catalog holds only the plan's and the
// tests', so it takes any.
const emulator = await startEmulator({ data: seedTenant("empty"), settingDefinitions: "any" });
const results: { file: string; status: number; reason: string }[] = [];
let skipped = 0;
for (const file of files(CORPUS)) {
  let parsed: Json;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")) as Json;
  } catch {
    results.push({ file, status: 0, reason: "not JSON" });
    continue;
  }
  const wrapped = isObj(parsed) ? (parsed["filters"] ?? parsed["groups"] ?? parsed["value"]) : undefined;
  const bodies = Array.isArray(wrapped)
    ? wrapped.filter(isObj)
    : Array.isArray(parsed)
      ? parsed.filter(isObj)
      : isObj(parsed)
        ? [parsed]
        : [];
  for (const [i, raw] of bodies.entries()) {
    const collection = collectionOf(raw);
    if (!collection || collection.endsWith("compliancePolicies")) {
      skipped++;
      continue;
    }
    const res = await fetch(`${emulator.url}${collection}`, {
      method: "POST",
      headers: { authorization: "Bearer corpus-check", "content-type": "application/json" },
      body: JSON.stringify(clean(raw)),
    });
    const body = (await res.json()) as { error?: { message?: string } };
    let reason = body.error?.message ?? "";
    try {
      reason = (JSON.parse(reason) as { Message?: string }).Message?.replace(/ - Operation ID.*$/s, "") ?? reason;
    } catch {
      /* plain message */
    }
    results.push({ file: `${relative(CORPUS, file)}${bodies.length > 1 ? `#${i}` : ""}`, status: res.status, reason });
  }
}
await emulator.close();

const accepted = results.filter((r) => r.status === 201);
const refused = results.filter((r) => r.status !== 201);
console.log(
  `${results.length} corpus bodies posted to the emulator: ${accepted.length} accepted, ${refused.length} refused (${skipped} skipped: not an object body, or a collection the plan does not produce)`,
);
const byReason = new Map<string, string[]>();
for (const r of refused)
  byReason.set(r.reason.replace(/'[^']*'/g, "'…'"), [
    ...(byReason.get(r.reason.replace(/'[^']*'/g, "'…'")) ?? []),
    `${r.file}: ${r.reason}`,
  ]);
for (const [reason, list] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n${list.length} × ${reason}`);
  const shown = process.env["CORPUS_ALL"] ? list : list.slice(0, 5);
  for (const line of shown) console.log(`    ${line}`);
  if (list.length > shown.length) console.log(`    … ${list.length - shown.length} more (CORPUS_ALL=1 lists them all)`);
}
const broken = refused.filter((r) => r.status !== 400 && r.status !== 0);
if (broken.length > 0) {
  console.log(`\n${broken.length} answers were not Graph validation refusals (first: ${broken[0]?.status} ${broken[0]?.reason})`);
  process.exitCode = 1;
}
