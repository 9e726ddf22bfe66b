// The emulator keeps the creation and modification times Graph keeps, and no others: a scope tag, a device category
// or a role has neither in Graph's schema, so recover and INTUNE_PLAN_ADOPT_CREATED_SINCE can never tell its age, and
// tests that passed because the emulator invented one would pass for a tenant that cannot exist.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject } from "../../src/compile/desired-state.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { createObject, findByName } from "../../src/graph/apply-object.ts";
import { emulator, fastClient, writeContext } from "../helpers/emulator.ts";

const objects = (): readonly DesiredObject[] => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/");
  return compile(p, "limited-pilot").objects;
};

describe("emulator timestamps follow Graph's schema", () => {
  it.each([
    ["scopeTag", false, false],
    ["deviceCategory", false, false],
    ["roleDefinition", false, false],
    ["notificationTemplate", false, true],
    ["group", true, false],
    ["termsAndConditions", true, true],
    ["deviceConfiguration", true, true],
  ] as const)("a created %s: createdDateTime %s, lastModifiedDateTime %s", async (kind, created, modified) => {
    const emu = await emulator();
    try {
      const o = objects().find((x) => x.kind === kind && !JSON.stringify(x.body).includes(`"$ref"`));
      if (!o) throw new Error(`plan/ has no ${kind} without references`);
      const client = fastClient(emu.url);
      const { id } = await createObject(writeContext(client, new Map()), o);
      const [listed] = await findByName(client, o);
      const read = await client.get(`${o.collection}/${id}`, o.apiVersion);
      for (const item of [listed ?? {}, read]) {
        expect("createdDateTime" in item).toBe(created);
        expect("lastModifiedDateTime" in item).toBe(modified);
      }
    } finally {
      await emu.close();
    }
  });
});
