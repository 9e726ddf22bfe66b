// Reach from planned members: a group's memberList is its size (exact, before any estimate), and a person listed in
// two rings that one change newly reaches counts once.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { audienceOf, withTenantUsers } from "../../src/diff/audience.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { renderText } from "../../src/render/text.ts";
import { checkFixture, FIXTURES } from "../helpers/fixtures.ts";

describe("reach from planned members", () => {
  it("two rings of one phase that share a person reach three people, not four", () => {
    const plan = checkFixture(`${FIXTURES}valid/member-list`).plan;
    if (!plan) throw new Error("fixture does not check");
    const head = compile(plan, "pilot");
    const base = { ...head, assignments: [] };
    const set = diffStates(viewOfDesired(base, "before"), viewOfDesired(head, "pilot"), {
      plan: plan.name,
      audience: audienceOf(plan),
      phases: ["pilot", "broad"],
    });
    expect(set.summary.newlyReached.map((g) => [g.group, g.estimatedUsers, g.basis, g.alreadyCounted ?? 0])).toEqual([
      ["groups.ring-a", 2, "memberList", 0],
      ["groups.ring-b", 2, "memberList", 1],
    ]);
    expect(set.summary.estimatedNewUsers).toBe(3);
    expect(renderText({ formatVersion: "1", changeSets: [set] })).toContain("Ring B  ~2 users (1 already counted in another group)");
  });

  it("a group without a list keeps its estimate", () => {
    const plan = checkFixture(`${FIXTURES}valid/member-list`).plan;
    if (!plan) throw new Error("fixture does not check");
    expect(audienceOf(plan).estimate("groups.helpdesk")).toMatchObject({ estimatedUsers: 10, basis: "estimatedMembers" });
  });

  it("tenant members count a person once with the plan's list, and an empty tenant group keeps the plan's figure", () => {
    const plan = checkFixture(`${FIXTURES}valid/member-list`).plan;
    if (!plan) throw new Error("fixture does not check");
    const listed = audienceOf(plan).listedUsers?.("groups.ring-a") ?? [];
    expect(listed.length).toBe(2);
    // The tenant holds one of the listed people and one the plan does not list.
    const tenant = new Map([
      ["groups.ring-a", [listed[0] ?? "", "someone.else@contoso.com"]],
      ["groups.helpdesk", []],
    ]);
    const audience = withTenantUsers(audienceOf(plan), tenant);
    expect(audience.estimate("groups.ring-a")).toMatchObject({ estimatedUsers: 3, basis: "tenant" });
    expect(audience.estimate("groups.helpdesk")).toMatchObject({ estimatedUsers: 10, basis: "estimatedMembers" });
    const head = compile(plan, "pilot");
    const set = diffStates(viewOfDesired({ ...head, assignments: [] }, "before"), viewOfDesired(head, "pilot"), {
      plan: plan.name,
      audience,
      phases: ["pilot", "broad"],
    });
    // ring-a: its two listed people and someone else; ring-b: two listed, one of them in ring-a.
    expect(set.summary.estimatedNewUsers).toBe(4);
  });
});
