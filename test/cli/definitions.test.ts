// `intune-plan definitions`: the plan's settings-catalog definitions read from a tenant (the emulator, through the
// real Graph client: $batch for the plan's ids, paging for --all) into the snapshot validate checks against.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { parseDefinitionsSnapshot } from "../../src/graph-model/setting-definitions.ts";
import { capture } from "../helpers/cli.ts";

const copyPlan = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "intune-plan-defs-"));
  cpSync("plan", dir, { recursive: true });
  return dir;
};

describe("intune-plan definitions", () => {
  it("writes the reference plan's definitions, children included, identical to the shipped snapshot but for its source", async () => {
    const dir = copyPlan();
    const out = join(dir, "fresh.json");
    const io = capture();
    expect(await run(["definitions", dir, "--tenant", "emulator:empty", "--out", out], io)).toBe(0);
    expect(io.out()).toBe(
      `${out}: 32 setting definitions from emulator (empty)\n${join(dir, "policy-templates.json")}: 7 policy templates from emulator (empty)\n`,
    );
    const fresh = parseDefinitionsSnapshot(readFileSync(out, "utf8"));
    const shipped = parseDefinitionsSnapshot(readFileSync("plan/setting-definitions.json", "utf8"));
    if (!("snapshot" in fresh) || !("snapshot" in shipped)) throw new Error("unreadable snapshot");
    expect(fresh.snapshot.definitions).toEqual(shipped.snapshot.definitions);
    // The child the plan does not use is read because its parent's option names it.
    expect(fresh.snapshot.definitions["device_vendor_msft_bitlocker_allowstandarduserencryption"]?.root).toBe(
      "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption",
    );
  });

  it("lists the ids the tenant lacks, writes the rest, and validate then reports the misspelling", async () => {
    const dir = copyPlan();
    const baseline = join(dir, "baseline.yaml");
    writeFileSync(baseline, readFileSync(baseline, "utf8").replace("defender_puaprotection:", "defender_puaprotecton:"));
    const io = capture();
    expect(await run(["definitions", dir, "--tenant", "emulator:empty"], io)).toBe(0);
    expect(io.err()).toContain("not in the tenant's configuration settings: device_vendor_msft_policy_config_defender_puaprotecton\n");
    const validate = capture();
    expect(await run(["validate", dir], validate)).toBe(1);
    expect(validate.err()).toContain(
      "error IP220: device_vendor_msft_policy_config_defender_puaprotecton is not a known configuration setting",
    );
  });

  it("--all reads every definition of both collections, page by page", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "intune-plan-defs-")), "all.json");
    const io = capture();
    expect(await run(["definitions", "--all", "--tenant", "emulator:empty", "--out", out], io)).toBe(0);
    const all = parseDefinitionsSnapshot(readFileSync(out, "utf8"));
    if (!("snapshot" in all)) throw new Error(all.problem);
    const values = Object.values(all.snapshot.definitions);
    expect(values.length).toBeGreaterThan(25);
    expect(values.filter((d) => d.usage === "compliance").length).toBeGreaterThan(5);
  });
});
