// Every command that reads a plan passes the same gate (issue 11, item 4): a plan with an error, whichever stage
// found it, stops the command with the diagnostics on stderr and exit 1 before any output; and a date is a date.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { capture } from "../helpers/cli.ts";

function planDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "intune-plan-gate-"));
  writeFileSync(join(dir, "plan.yaml"), text);
  return dir;
}

/** Parses and type-checks; only the semantic validator finds the dangling audience. */
const SEMANTIC_ERROR = `plan: { name: t }
groups:
  a: { displayName: A, membership: assigned, members: users }
phases:
  - { key: p1, displayName: P1, audience: [a, nope], start: "2027-03-01" }
`;

describe("the plan gate", () => {
  it("checkPlan gives no plan when any stage found an error (here the semantic validator)", () => {
    const checked = checkPlan([{ path: "plan.yaml", bytes: Buffer.from(SEMANTIC_ERROR) }]);
    expect(checked.diagnostics.map((d) => d.code)).toEqual(["IP032"]);
    expect(checked.plan).toBeUndefined();
  });

  const dir = planDir(SEMANTIC_ERROR);
  it.each([
    "validate",
    "compile",
    "calendar",
    "calendar --format ics",
    "licenses",
    "licenses --format json",
    "permissions",
    "permissions --mode preview",
    "preview",
    "status",
    "drift",
    "diff --base BASE",
  ])("%s stops on a plan with an error: exit 1, the diagnostic on stderr, nothing on stdout", async (line) => {
    const [command = "", ...rest] = line.split(" ");
    const io = capture();
    expect(await run([command, dir, ...rest.map((a) => (a === "BASE" ? dir : a))], io)).toBe(1);
    expect(io.err()).toContain(`${join(dir, "plan.yaml")}:5:47: error IP032: nope is not a key in groups`);
    expect(io.out()).toBe("");
  });
});

describe("phase dates", () => {
  it.each([
    ["2027-13-45", "month 13 does not exist"],
    ["2027-02-30", "February 2027 has 28 days"],
    ["2027-04-31", "April has 30 days"],
    ["2027-00-10", "month 0 does not exist"],
  ])("calendar refuses start: %s with a positioned diagnostic, not a crash", async (date, why) => {
    const dir = planDir(
      `plan: { name: t }\ngroups:\n  a: { displayName: A, membership: assigned, members: users }\nphases:\n  - { key: p1, displayName: P1, audience: [a], start: ${date} }\n`,
    );
    const io = capture();
    expect(await run(["calendar", dir], io)).toBe(1);
    expect(io.err()).toContain(`${join(dir, "plan.yaml")}:5:55: error IP013: phases[0].start: ${date} is not a date: ${why}`);
    expect(io.err()).not.toContain("internal error");
    expect(io.out()).toBe("");
  });

  it("accepts 29 February in a leap year", async () => {
    const dir = planDir(
      `plan: { name: t }\ngroups:\n  a: { displayName: A, membership: assigned, members: users }\nphases:\n  - { key: p1, displayName: P1, audience: [a], start: "2028-02-29" }\n`,
    );
    const io = capture();
    expect(await run(["calendar", dir], io)).toBe(0);
    expect(io.out()).toContain("| 2028-02-29 | p1 | Enrollment email (rollout starts) |");
  });
});
