// Change report → SARIF 2.1.0 with one result per risk and per ownership finding, for code-scanning annotations on
// the pull request. Risks carry the plan file position of their object when the CLI knows it; otherwise a logical
// location.
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { ChangeReport, FindingCode, RiskCode, RiskSeverity } from "../diff/change-set.ts";

const RULES: Readonly<Record<RiskCode, string>> = {
  deletion: "An object the plan owned is deleted from the tenant",
  replacement: "An object is deleted and created again because a property cannot change in place",
  "widened-assignment": "An assignment reaches groups it did not reach before",
  "relaxed-setting": "A compliance, app protection or enrollment setting gets weaker",
  "phase-skipped": "A promotion skips a rollout phase and its gate",
  "phase-rolled-back": "The rollout goes back to an earlier phase",
  "narrowed-assignment": "An assignment no longer reaches groups it reached before",
  "terms-changed": "The text of terms and conditions changes while users keep their acceptance of the earlier text",
  "access-lockout": "A Conditional Access policy that is on reaches every user and blocks, or requires controls with no one excluded",
  "access-enforced": "A Conditional Access policy turns on: sign-ins that do not meet it are refused",
  "app-reference": "An app the plan references (managed Google Play, line-of-business) is missing from the tenant or differs from the plan",
  "template-outdated": "A policy is made from an Intune template of which a newer version exists",
};
const FINDING_RULES: Readonly<Record<FindingCode, string>> = {
  "name-taken": "The tenant already has an object with this name that the stack does not own",
  "renamed-key": "An object the stack owns under another address would be adopted or collide, then deleted",
  "missing-from-tenant": "The stack records an object the tenant no longer has",
  "partially-created": "An earlier pulumi up created the object only partly",
};
const LEVEL: Readonly<Record<RiskSeverity, Result.level>> = { high: "error", medium: "warning", low: "note" };

export function renderSarif(report: ChangeReport, toolVersion: string): string {
  const risks = report.changeSets.flatMap((set) => set.risks.map((risk) => ({ set, risk })));
  const findings = report.changeSets.flatMap((set) => (set.findings ?? []).map((finding) => ({ set, finding })));
  const used: (RiskCode | FindingCode)[] = [...new Set([...risks.map((r) => r.risk.code), ...findings.map((f) => f.finding.code)])].sort();
  const describe = (id: RiskCode | FindingCode): string =>
    Object.hasOwn(RULES, id) ? RULES[id as RiskCode] : FINDING_RULES[id as FindingCode];
  const rules: ReportingDescriptor[] = used.map((id) => ({
    id,
    name: id.replace(/-(.)/g, (_m, c: string) => c.toUpperCase()),
    shortDescription: { text: describe(id) },
  }));
  const ownershipResults: Result[] = findings.map(({ set, finding }) => ({
    ruleId: finding.code,
    ruleIndex: used.indexOf(finding.code),
    level: finding.severity,
    message: { text: `${finding.address}: ${finding.message}. ${finding.hint}` },
    locations: [{ logicalLocations: [{ fullyQualifiedName: finding.address, kind: "resource" }] }],
    partialFingerprints: { riskKey: `${finding.code}/${finding.address}/${finding.id}/${set.head.phase ?? ""}` },
  }));
  const riskResults: Result[] = risks.map(({ set, risk }) => ({
    ruleId: risk.code,
    ruleIndex: used.indexOf(risk.code),
    level: LEVEL[risk.severity],
    message: {
      text: `${risk.address ? `${risk.address}: ` : ""}${risk.message} (${set.base.phase ?? set.base.label} → ${set.head.phase ?? set.head.label})`,
    },
    ...(risk.location
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: risk.location.file.split(/[\\/]/).map(encodeURIComponent).join("/") },
                region: { startLine: risk.location.line, startColumn: risk.location.column },
              },
            },
          ],
        }
      : risk.address
        ? { locations: [{ logicalLocations: [{ fullyQualifiedName: risk.address, kind: "resource" }] }] }
        : {}),
    partialFingerprints: { riskKey: `${risk.code}/${risk.address ?? ""}/${risk.path?.join(".") ?? ""}/${set.head.phase ?? ""}` },
  }));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "intune-plan", version: toolVersion, rules } }, results: [...ownershipResults, ...riskResults] }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
