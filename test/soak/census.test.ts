// The soak's counts must be able to fail: its starting tenant really holds objects the plan does not own (and none
// with a plan name), and the census counts a second copy, a missing or left-behind object and a touched one.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { entities } from "../../src/emulator/store.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { census, copiesPerKey, fingerprints } from "./tenant-census.ts";
import { startingTenant } from "./starting-tenant.ts";

const state = (): ReturnType<typeof compile> => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/");
  return compile(p, "limited-pilot");
};

describe("soak census", () => {
  it("starts from objects that are not the plan's, some assigned, none carrying a plan name", () => {
    const s = state();
    const data = startingTenant(s);
    expect(fingerprints(data).size).toBeGreaterThan(10);
    expect(
      Object.values(data.collections)
        .flatMap((c) => Object.values(c))
        .some((e) => e.assignments.length > 0),
    ).toBe(true);
    expect([...copiesPerKey(data, s).values()].every((n) => n === 0)).toBe(true);
  });

  it("counts a duplicate, a missing key, a left-behind key and a touched unmanaged object", () => {
    const s = state();
    const data = startingTenant(s);
    const unmanaged = fingerprints(data);
    expect(census(data, s, unmanaged, "destroy")).toMatchObject({ duplicates: 0, missingOrLeft: 0, unmanagedTouched: 0 });
    const group = s.objects.find((o) => o.kind === "group");
    if (!group) throw new Error("no group");
    const groups = entities(data, "/groups");
    groups["copy-1"] = { body: { id: "copy-1", displayName: group.displayName }, assignments: [], apps: [] };
    groups["copy-2"] = { body: { id: "copy-2", displayName: group.displayName }, assignments: [], apps: [] };
    const [firstKey] = unmanaged.keys();
    const [collection, id] = [firstKey?.slice(0, firstKey.lastIndexOf("/")) ?? "", firstKey?.slice(firstKey.lastIndexOf("/") + 1) ?? ""];
    const touched = entities(data, collection)[id];
    if (!touched) throw new Error("no unmanaged object");
    touched.body["description"] = "changed by a run";
    const afterApply = census(data, s, unmanaged, "apply");
    expect(afterApply.duplicates).toBe(1);
    expect(afterApply.missingOrLeft).toBe(s.objects.length - 1);
    expect(afterApply.unmanagedTouched).toBe(1);
    expect(census(data, s, unmanaged, "destroy").missingOrLeft).toBe(1);
  });
});
