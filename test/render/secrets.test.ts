// Issue 11, item 1: reviewers see real values. What is masked is what is secret (a `{ secret: NAME }` reference,
// and Graph's credential properties), by one rule shared by validation, diff, render, import and refresh; the
// settings *about* passwords (required type, minimum length) are shown as they are.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/compile/desired-state.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { showValue } from "../../src/diff/show-value.ts";
import type { StateView } from "../../src/compile/state-view.ts";
import { CREDENTIAL_PROPERTIES, isSecretProperty } from "../../src/graph-model/secrets.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { renderText } from "../../src/render/text.ts";

const view = (label: string, body: JsonObject): StateView => ({
  side: { label, source: "plan", phase: null },
  objects: [
    {
      address: "compliance.android",
      kind: "compliancePolicy",
      collection: "/deviceManagement/deviceCompliancePolicies",
      odataType: "#microsoft.graph.androidWorkProfileCompliancePolicy",
      displayName: "Android",
      body,
    },
  ],
  assignments: [],
});

describe("reviewers see real values", () => {
  it("a relaxed passwordRequiredType shows alphanumeric → numeric in the risk, the terminal and the PR comment", () => {
    const set = diffStates(
      view("base", { passwordRequiredType: "alphanumeric", passwordMinimumLength: 8 }),
      view("head", { passwordRequiredType: "numeric", passwordMinimumLength: 6 }),
      { plan: "p" },
    );
    const risks = set.risks.filter((r) => r.code === "relaxed-setting").map((r) => r.message);
    expect(risks).toHaveLength(2);
    expect(risks.join("\n")).toContain("(alphanumeric → numeric)");
    const report = { formatVersion: "1" as const, changeSets: [set] };
    const text = renderText(report);
    expect(text).toContain("passwordRequiredType: alphanumeric → numeric");
    expect(text).toContain("passwordMinimumLength: 8 → 6");
    const md = renderMarkdown(report);
    expect(md).toContain("| `passwordRequiredType` | `alphanumeric` | `numeric` |");
    expect(`${text}${md}`).not.toContain("«masked»");
  });

  it("settings about passwords are shown; a credential a tenant echoes is masked, at any depth; a reference shows its name", () => {
    expect(showValue("alphanumericWithSymbols", ["workProfilePasswordRequiredType"])).toBe("alphanumericWithSymbols");
    expect(showValue(["appleid.apple.com"], ["safariPasswordAutoFillDomains"])).toBe('["appleid.apple.com"]');
    expect(showValue("hunter2hunter2", ["preSharedKey"])).toBe("«masked»");
    expect(showValue({ secret: "CHARLOTTE_WIFI_PSK" }, ["preSharedKey"])).toBe("«secret CHARLOTTE_WIFI_PSK»");
    expect(showValue({ ssid: "Contoso", preSharedKey: "hunter2hunter2", passwordFormatString: "x" }, ["wifi"])).toBe(
      '{"ssid":"Contoso","preSharedKey":"«masked»","passwordFormatString":"x"}',
    );
    // A settings-catalog secret setting: its `value` is the credential, whatever Graph names the property.
    const secretSetting = {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationSecretSettingValue",
      value: "s3cr3t-value",
      valueState: "notEncrypted",
    };
    expect(showValue(secretSetting, ["settings", "x"])).not.toContain("s3cr3t-value");
  });
});

describe("one credential rule", () => {
  it("names Graph's credential properties, not the settings about passwords", () => {
    for (const name of ["preSharedKey", "sharedSecret", "password", "wifiPassword", "clientSecret", "lockPin"])
      expect(isSecretProperty(name), name).toBe(true);
    for (const name of [
      "passwordRequiredType",
      "passwordMinimumLength",
      "workProfilePasswordRequiredType",
      "passwordFormatString",
      "preSharedKeyIsSet",
      "secretReferenceValueId",
      "safariPasswordAutoFillDomains",
    ]) {
      expect(isSecretProperty(name), name).toBe(false);
    }
  });

  it("of every string property in Microsoft's published Graph types, names exactly the listed credentials", () => {
    const types = readFileSync(
      new URL("../../node_modules/@microsoft/microsoft-graph-types-beta/microsoft-graph.d.ts", import.meta.url),
      "utf8",
    );
    const strings = new Set([...types.matchAll(/^\s+(\w+)\?: (?:NullableOption<)?string>?;/gm)].map((m) => m[1] ?? ""));
    expect(strings.size).toBeGreaterThan(1000);
    expect([...strings].filter((name) => isSecretProperty(name)).sort()).toEqual([...CREDENTIAL_PROPERTIES].sort());
  });

  it("every credential property it names is a string property in Microsoft's published Graph types", () => {
    const types = readFileSync(
      new URL("../../node_modules/@microsoft/microsoft-graph-types-beta/microsoft-graph.d.ts", import.meta.url),
      "utf8",
    );
    for (const name of CREDENTIAL_PROPERTIES) expect(types, name).toMatch(new RegExp(`^\\s+${name}\\?: (NullableOption<)?string>?;`, "m"));
  });
});
