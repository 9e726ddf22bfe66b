// The way back from a killed `pulumi up` that kept no record of its creates (recover/adopt-since.ts): a create takes
// over the tenant's only namesake when Graph created it at or after the bound, and refuses it otherwise, saying why.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject } from "../../src/compile/desired-state.ts";
import { createObject, NameTakenError } from "../../src/graph/apply-object.ts";
import { ADOPT_SINCE_VARIABLE, AdoptSinceError, adoptCreatedSince } from "../../src/recover/adopt-since.ts";
import { CLOCK_SKEW_MS } from "../../src/recover/decide.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { emulator, fastClient, writeContext } from "../helpers/emulator.ts";

const first = (kind: DesiredObject["kind"]): DesiredObject => {
  const p = checkFixture("plan").plan;
  const o = p && compile(p, "limited-pilot").objects.find((x) => x.kind === kind);
  if (!o) throw new Error(kind);
  return o;
};

describe("adoptCreatedSince: the bound from INTUNE_PLAN_ADOPT_CREATED_SINCE", () => {
  it("is absent unless set, allows the clock skew recover allows, and refuses what is not a time", () => {
    expect(adoptCreatedSince({})).toBeUndefined();
    expect(adoptCreatedSince({ [ADOPT_SINCE_VARIABLE]: " " })).toBeUndefined();
    expect(adoptCreatedSince({ [ADOPT_SINCE_VARIABLE]: "2026-12-04T09:30:00Z" })?.at).toBe(
      Date.parse("2026-12-04T09:30:00Z") - CLOCK_SKEW_MS,
    );
    for (const bad of ["yesterday", "2026-02-30T09:30:00Z"])
      expect(() => adoptCreatedSince({ [ADOPT_SINCE_VARIABLE]: bad })).toThrow(AdoptSinceError);
  });
});

describe("createObject with adoptCreatedSince", () => {
  it("takes over the tenant's only namesake created at or after the bound: no second object, no POST", async () => {
    const emu = await emulator();
    try {
      const terms = first("termsAndConditions");
      const client = fastClient(emu.url);
      const lost = await client.create(terms.collection, terms.body, terms.apiVersion);
      const created = Date.parse(String(lost["createdDateTime"]));
      const result = await createObject(writeContext(client, new Map()), terms, {
        adoptCreatedSince: { at: created, text: "the bound" },
      });
      expect(result).toEqual({ id: lost["id"], adopted: true });
      expect(await client.list(terms.collection, terms.apiVersion)).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it("refuses a namesake created before the bound, with when it was created and the bound", async () => {
    const emu = await emulator();
    try {
      const terms = first("termsAndConditions");
      const client = fastClient(emu.url);
      const older = await client.create(terms.collection, terms.body, terms.apiVersion);
      const created = String(older["createdDateTime"]);
      const error = await createObject(writeContext(client, new Map()), terms, {
        adoptCreatedSince: { at: Date.parse(created) + 1, text: "the bound" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NameTakenError);
      expect((error as Error).message).toContain(`which the plan does not own. It was created ${created}, before the bound. Adopt it`);
      expect((error as Error).message).toContain("If a killed pulumi up made it, intune-plan recover --stack NAME says how");
      expect(await client.list(terms.collection, terms.apiVersion)).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it("refuses a namesake Graph keeps no creation time for (a device category), and never writes it", async () => {
    const emu = await emulator();
    try {
      const category = first("deviceCategory");
      const client = fastClient(emu.url);
      const foreign = await client.create(category.collection, category.body, category.apiVersion);
      expect(foreign).not.toHaveProperty("createdDateTime");
      const before = emu.log.length;
      const error = await createObject(writeContext(client, new Map()), category, {
        adoptCreatedSince: { at: 0, text: "the bound" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NameTakenError);
      expect((error as Error).message).toContain(
        `(${String(foreign["id"])}), which the plan does not own. Graph keeps no creation time for it`,
      );
      expect(emu.log.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
      expect((await client.list(category.collection, category.apiVersion)).map((c) => c["id"])).toEqual([foreign["id"]]);
    } finally {
      await emu.close();
    }
  });
});
