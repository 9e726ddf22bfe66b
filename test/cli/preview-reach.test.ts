// Preview counts the users a change newly reaches from the tenant's real membership where the tenant has it
// (issue 13 item 6): a group the tenant already holds with members is counted from them, once per person, and a
// group it holds empty keeps the plan's estimate.
import { afterEach, describe, expect, it } from "vitest";
import type { ChangeSet } from "../../src/diff/change-set.ts";
import { run } from "../../src/cli/main.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { capture } from "../helpers/cli.ts";
import { graphGet, pilotTenant } from "../helpers/rollout.ts";

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function groupId(emu: RunningEmulator, displayName: string): Promise<string> {
  const found = await graphGet(emu, `/v1.0/groups?$filter=${encodeURIComponent(`displayName eq '${displayName}'`)}`);
  const id = (found["value"] as { id: string }[] | undefined)?.[0]?.id;
  if (!id) throw new Error(`no group ${displayName}`);
  return id;
}

async function addMember(emu: RunningEmulator, group: string, user: string): Promise<void> {
  const res = await fetch(`${emu.url}/v1.0/groups/${group}/members/$ref`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: JSON.stringify({ "@odata.id": `${emu.url}/v1.0/directoryObjects/${user}` }),
  });
  if (!res.ok) throw new Error(`add member: ${res.status} ${await res.text()}`);
}

async function previewSet(emu: RunningEmulator, phase: string): Promise<{ set: ChangeSet; err: string; out: string }> {
  const io = capture();
  const code = await run(["preview", "plan/", "--tenant", emu.url, "--phase", phase, "--format", "json"], io);
  expect(code, io.err()).toBe(0);
  const set = (JSON.parse(io.out()) as { changeSets: ChangeSet[] }).changeSets[0];
  if (!set) throw new Error("no change set");
  return { set, err: io.err(), out: io.out() };
}

describe("preview: users newly reached", () => {
  it("a group the tenant holds with members counts them (basis tenant); an empty one keeps the plan's estimate", async () => {
    const emu = await pilotTenant("pilot-healthy");
    running.push(emu);
    const before = await previewSet(emu, "expanded-pilot");
    const leadsBefore = before.set.summary.newlyReached.find((g) => g.group === "groups.it-leads");
    expect(leadsBefore?.basis).toBe("phase");

    const users = ((await graphGet(emu, "/v1.0/users?$top=3"))["value"] as { id: string }[]).map((u) => u.id);
    expect(users).toHaveLength(3);
    const leads = await groupId(emu, "Intune rollout - IT leads");
    for (const u of users) await addMember(emu, leads, u);

    const after = await previewSet(emu, "expanded-pilot");
    const reached = after.set.summary.newlyReached;
    expect(reached.find((g) => g.group === "groups.it-leads")).toMatchObject({ estimatedUsers: 3, basis: "tenant" });
    // it-staff is dynamic and the emulator holds nobody in it: the plan's share of the phase's users stands.
    expect(reached.find((g) => g.group === "groups.it-staff")).toMatchObject({ basis: "phase" });
    const staff = reached.find((g) => g.group === "groups.it-staff")?.estimatedUsers ?? 0;
    // The Conditional Access policy is enforced from this phase: the limited pilot's 50 members are newly refused,
    // of whom the three just added to it-leads are counted once.
    expect(reached.find((g) => g.group === "groups.it-pilot")).toMatchObject({
      estimatedUsers: 50,
      basis: "tenant",
      reachedBy: ["conditionalAccess.office-compliant-device"],
      alreadyCounted: 3,
    });
    expect(after.set.summary.estimatedNewUsers).toBe(staff + 3 + 50 - 3);
    // One listing per newly reached group the tenant holds (it-staff, it-leads, it-pilot), counted in the figure preview prints.
    const count = (err: string): number => Number(/read the tenant in (\d+) requests/.exec(err)?.[1]);
    const unchanged = await previewSet(emu, "limited-pilot");
    expect(unchanged.set.summary.newlyReached).toEqual([]);
    expect(count(after.err)).toBe(count(unchanged.err) + 3);
  });
});
