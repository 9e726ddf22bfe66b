// `intune-plan explain` as a user runs it: the plan gate, the group by key or name, usage errors with close
// matches, and the three formats.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";
import { EXPLAIN_FIXTURE } from "../explain/fixture.ts";

async function explain(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(["explain", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("intune-plan explain", () => {
  it("explains a group by display name in a phase, as text", async () => {
    const r = await explain("plan/", "--group", "Intune rollout - IT limited pilot", "--phase", "limited-pilot");
    expect(r.code, r.err).toBe(0);
    expect(r.out.split("\n")[0]).toBe(
      'contoso: group it-pilot "Intune rollout - IT limited pilot" (assigned, users; audience of phase limited-pilot), phase limited-pilot',
    );
    expect(r.out).toContain(
      '  configuration.update-ring-pilot  "Win - Update ring - Pilot"\n      via assignment include; since limited-pilot\n',
    );
    expect(r.out).toContain("    qualityUpdatesDeferralPeriodInDays = 0  (configuration.update-ring-pilot)\n");
  });

  it("shows a secret setting by its reference name only", async () => {
    const r = await explain("plan/", "--group", "charlotte-devices");
    expect(r.out).toContain("    preSharedKey = «secret CHARLOTTE_WIFI_PSK»  (configuration.charlotte-wifi-windows)\n");
  });

  it("says when the phase is the default (the last)", async () => {
    const r = await explain("plan/", "--group", "retail");
    expect(r.code, r.err).toBe(0);
    expect(r.out.split("\n")[0]).toContain("phase production-3 (the last phase");
  });

  it("refuses an unknown group with the closest plan groups, and an unknown phase, as usage errors", async () => {
    const group = await explain("plan/", "--group", "sales-marketng");
    expect(group.code).toBe(64);
    expect(group.out).toBe("");
    expect(group.err).toContain("unknown group sales-marketng; the closest plan groups are sales-marketing");
    const phase = await explain("plan/", "--group", "retail", "--phase", "production-9");
    expect(phase.code).toBe(64);
    expect(phase.err).toContain("unknown phase production-9");
    expect((await explain("plan/")).code).toBe(64);
  });

  it("prints where policies disagree, which value Intune enforces and the validator's finding", async () => {
    const dir = mkdtempSync(join(tmpdir(), "explain-"));
    writeFileSync(join(dir, "plan.yaml"), EXPLAIN_FIXTURE);
    const r = await explain(dir, "--group", "pilot-users", "--phase", "pilot");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("IP261");
    expect(r.out).toContain(
      "Where policies disagree (3):\n  enrollment restriction (windows) personalDevices: block  (enrollmentRestrictions.block-personal wins by priority)\n",
    );
    expect(r.out).toContain("  windows10CompliancePolicy osMinimumVersion: each value on its own devices (filters never meet)\n");
    expect(r.out).toContain(
      "  windows10CompliancePolicy passwordMinimumLength: 8  (the most restrictive, compliance.strict-pin: Intune applies it)\n      compliance.corporate-pin sets 6\n      compliance.strict-pin sets 8\n",
    );
    expect(r.out).toContain(
      "      validate: warning IP261: passwordMinimumLength = 6 (compliance.corporate-pin) and 8 (compliance.strict-pin) may both apply to",
    );
    const contractors = await explain(dir, "--group", "contractors", "--phase", "prod");
    expect(contractors.out).toContain(
      'Excluded (the assignment would reach the group but excludes it):\n  configuration.no-screenshots  "Win - No screenshots"  (would reach it via allUsers)\n',
    );
    const md = await explain(dir, "--group", "pilot-users", "--phase", "pilot", "--format", "markdown");
    expect(md.out).toContain("# Explain: Pilot users (`pilot-users`)");
    expect(md.out).toContain(
      "| `configuration.no-screenshots` | Win - No screenshots | via allUsers (allUsers includes group pilot-users); since pilot; except members of groups.contractors |",
    );
    expect(md.out).toContain("- **windows10CompliancePolicy `passwordMinimumLength`**: 8  (the most restrictive");
  });
});
