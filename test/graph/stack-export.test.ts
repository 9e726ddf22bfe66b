// Reading what a stack owns from `pulumi stack export`: the intune resources only (not the stack, not the explicit
// provider), assignment sets by their object, partial creates by their init errors, secret envelopes never opened,
// and exports that are not one refused with a cause and a fix that quote none of the file.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { parseStackExport, StackExportError } from "../../src/graph/stack-export.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { stackExport } from "../helpers/stack-export.ts";

const state = compile(
  checkFixture("plan").plan ??
    (() => {
      throw new Error("plan/");
    })(),
  "limited-pilot",
);
const ids = new Map(state.objects.map((o, i) => [o.address, `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`]));
type Resource = { type: string; urn: string; outputs?: Record<string, unknown>; [k: string]: unknown };
const exported = (options: Parameters<typeof stackExport>[2] = {}) =>
  stackExport(state, ids, options) as { deployment: { resources: Resource[] } };
const parse = (doc: unknown) => parseStackExport(JSON.stringify(doc), "stack.json");

describe("parseStackExport", () => {
  it("owns one object per intune resource and one assignment set per Assignments resource; the stack and the provider are not objects", () => {
    const owned = parseStackExport(JSON.stringify(exported({ partial: ["compliance.windows-baseline"] })), "stack.json");
    expect(owned.stack).toBe("emulator");
    expect(owned.objects).toHaveLength(state.objects.length);
    expect(owned.assignmentSets).toEqual(state.assignments.map((s) => s.of).sort());
    const baseline = owned.objects.find((o) => o.address === "compliance.windows-baseline");
    expect(baseline).toEqual({
      address: "compliance.windows-baseline",
      id: ids.get("compliance.windows-baseline"),
      kind: "compliancePolicy",
      collection: "/deviceManagement/deviceCompliancePolicies",
      partial: true,
    });
    expect(owned.objects.filter((o) => o.partial).map((o) => o.address)).toEqual(["compliance.windows-baseline"]);
    expect(JSON.stringify(owned)).not.toMatch(/ciphertext|1b47061264138c4ac30d75fd1eb44270/);
  });

  it("falls back to the URN's name and the type token when the outputs cannot be read (a secret envelope)", () => {
    const doc = exported();
    const wifi = doc.deployment.resources.find((r) => r.urn.endsWith("::configuration.charlotte-wifi-windows"));
    if (!wifi) throw new Error("fixture");
    wifi.outputs = {
      object: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:opaque" },
      graphId: ids.get("configuration.charlotte-wifi-windows"),
    };
    const owned = parse(doc).objects.find((o) => o.address === "configuration.charlotte-wifi-windows");
    expect(owned).toMatchObject({ kind: "deviceConfiguration", id: ids.get("configuration.charlotte-wifi-windows") });
    expect(owned?.collection).toBeUndefined();
  });

  it("skips old copies pending deletion, external reads and resources without an id; an empty stack owns nothing", () => {
    const doc = exported();
    const [a, b, c] = doc.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/intune:Group");
    if (!a || !b || !c) throw new Error("fixture");
    Object.assign(a, { delete: true });
    Object.assign(b, { external: true });
    delete b["id"];
    Object.assign(c, { id: "" });
    c.outputs = { ...c.outputs, graphId: "" };
    expect(parse(doc).objects).toHaveLength(state.objects.length - 3);
    expect(parse({ version: 3, deployment: { manifest: {}, secrets_providers: { type: "passphrase" } } })).toEqual({
      stack: "stack.json",
      objects: [],
      assignmentSets: [],
    });
  });

  it("refuses what is not an export, and an intune type it does not know, without quoting the file", () => {
    const refusal = (text: string): string => {
      try {
        parseStackExport(text, "stack.json");
      } catch (error) {
        if (error instanceof StackExportError) return error.message;
        throw error;
      }
      throw new Error("accepted");
    };
    expect(refusal('{"deployment": {"resources": [{"ciphertext": "v1:secret-looking"')).toMatch(
      /^stack\.json is not JSON \(it breaks at character \d+\)\. Expected what `pulumi stack export --stack NAME` prints/,
    );
    expect(refusal('{"deployment": {"resources": [{"ciphertext": "v1:secret-looking"')).not.toContain("secret-looking");
    expect(refusal('{"version": 3, "checkpoint": {"latest": {}}}')).toContain('it has no "deployment" object');
    expect(refusal('{"deployment": {"resources": {}}}')).toContain("deployment.resources is not a list");
    const doc = exported();
    doc.deployment.resources.push({
      type: "pulumi-nodejs:dynamic/intune:Printer",
      urn: "urn:pulumi:emulator::intune-plan::pulumi-nodejs:dynamic/intune:Printer::printers.lobby",
      id: "p1",
      outputs: {},
    });
    expect(refusal(JSON.stringify(doc))).toContain("has type pulumi-nodejs:dynamic/intune:Printer, which this intune-plan does not know");
  });
});
