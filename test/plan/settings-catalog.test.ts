// The settings-catalog expansion is done once per policy per process and shared by the validator, the conflict
// checker, explain, licenses and compile (issue 14: it ran three times).
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { expandCatalogSettings } from "../../src/plan/settings-catalog.ts";
import { checkFixture } from "../helpers/fixtures.ts";

describe("settings-catalog expansion", () => {
  it("a policy's settings expand once: the checked plan's expansion is the one compile puts in the body", () => {
    const plan = checkFixture("plan").plan;
    if (!plan) throw new Error("plan/ does not check");
    const [key, policy] = Object.entries(plan.configuration).find(([, p]) => p.profile === "settingsCatalog") ?? [];
    if (!key || !policy) throw new Error("plan/ has no settings-catalog policy");
    const shared = expandCatalogSettings(policy.settings);
    expect(shared.settings.length).toBeGreaterThan(0);
    const body = compile(plan, undefined).objects.find((o) => o.address === `configuration.${key}`)?.body;
    expect(body?.["settings"]).toBe(shared.settings);
  });

  it("equal settings in two policies are still expanded separately (the memo is by value identity, not content)", () => {
    const a = { device_vendor_msft_policy_config_browser_allowsmartscreen: "device_vendor_msft_policy_config_browser_allowsmartscreen_1" };
    const b = { ...a };
    expect(expandCatalogSettings(a)).toBe(expandCatalogSettings(a));
    expect(expandCatalogSettings(a)).not.toBe(expandCatalogSettings(b));
    expect(expandCatalogSettings(a)).toEqual(expandCatalogSettings(b));
  });
});
