// Issue 12 item 5: the emulator's cost per request does not grow with the tenant. Counted, not timed: how many
// entities a look-up or a page presents (tenant.touched), at two tenant sizes ten times apart.
import { afterEach, describe, expect, it } from "vitest";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { entities } from "../../src/emulator/store.ts";

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const CATEGORIES = "/deviceManagement/deviceCategories";

/** A tenant holding `n` device categories and `n` groups, created a second apart in id order. */
async function tenantOf(n: number): Promise<RunningEmulator> {
  const data = seedTenant("empty");
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    const id = `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`;
    entities(data, CATEGORIES)[id] = {
      body: { id, displayName: `Category ${i}`, createdDateTime: at, lastModifiedDateTime: at },
      assignments: [],
      apps: [],
    };
    entities(data, "/groups")[id] = {
      body: { id, displayName: `Group ${i}`, mailEnabled: false, mailNickname: `g${i}`, securityEnabled: true, createdDateTime: at },
      assignments: [],
      apps: [],
    };
  }
  running = await startEmulator({ data });
  return running;
}

type Page = { value: { id: string; displayName: string }[]; "@odata.nextLink"?: string; "@odata.count"?: number };
async function get(emu: RunningEmulator, url: string): Promise<Page> {
  const res = await fetch(url.startsWith("http") ? url : `${emu.url}${url}`, { headers: { authorization: "Bearer test" } });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

/** Entities presented while `work` runs. */
async function touchedBy(emu: RunningEmulator, work: () => Promise<unknown>): Promise<number> {
  const before = emu.tenant.touched;
  await work();
  return emu.tenant.touched - before;
}

describe("the emulator at scale", () => {
  for (const n of [300, 3000]) {
    it(`a look-up by name or id touches only what it returns, and a page only its own entities (${n} per collection)`, async () => {
      const emu = await tenantOf(n);
      const name = `Category ${n - 7}`;
      let found: Page | undefined;
      expect(
        await touchedBy(emu, async () => {
          found = await get(emu, `/beta${CATEGORIES}?$filter=displayName eq '${name.toUpperCase()}'`);
        }),
      ).toBe(1);
      expect(found?.value.map((c) => c.displayName)).toEqual([name]);
      expect(await touchedBy(emu, () => get(emu, `/v1.0/groups?$filter=displayName eq 'Group 5'&$select=id`))).toBe(1);
      expect(await touchedBy(emu, () => get(emu, `/v1.0/groups?$filter=displayName eq 'no such group'`))).toBe(0);
      expect(await touchedBy(emu, () => get(emu, `/beta${CATEGORIES}/${found?.value[0]?.id ?? ""}`))).toBe(1);

      let first: Page | undefined;
      expect(
        await touchedBy(emu, async () => {
          first = await get(emu, `/beta${CATEGORIES}?$top=10&$count=true`);
        }),
      ).toBe(10);
      expect(first?.["@odata.count"]).toBe(n);
      const nextLink = first?.["@odata.nextLink"] ?? "";
      let second: Page | undefined;
      expect(
        await touchedBy(emu, async () => {
          second = await get(emu, nextLink);
        }),
      ).toBe(10);
      expect(second?.value.map((c) => c.displayName)).toEqual(Array.from({ length: 10 }, (_, i) => `Category ${10 + i}`));
      // Groups page by 100 (Entra's default).
      expect(await touchedBy(emu, () => get(emu, "/v1.0/groups"))).toBe(100);
    });
  }

  it("paging through a collection returns every entity once, in creation order, also after creates and deletes", async () => {
    const emu = await tenantOf(250);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${emu.url}${path}`, {
        method,
        headers: { authorization: "Bearer test", ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const all = async (): Promise<string[]> => {
      const names: string[] = [];
      let url: string | undefined = `/beta${CATEGORIES}?$top=7`;
      while (url) {
        const page: Page = await get(emu, url);
        names.push(...page.value.map((c) => c.displayName));
        url = page["@odata.nextLink"];
      }
      return names;
    };
    const created = (await (await call("POST", `/beta${CATEGORIES}`, { displayName: "Newest" })).json()) as { id: string };
    await call("DELETE", `/beta${CATEGORIES}/00000000-0000-4000-a000-000000000003`);
    await call("PATCH", `/beta${CATEGORIES}/00000000-0000-4000-a000-000000000004`, { displayName: "Renamed" });
    const names = await all();
    expect(names).toEqual([
      ...Array.from({ length: 250 }, (_, i) => (i === 4 ? "Renamed" : `Category ${i}`)).filter((n) => n !== "Category 3"),
      "Newest",
    ]);
    expect((await get(emu, `/beta${CATEGORIES}?$filter=displayName eq 'renamed'`)).value).toHaveLength(1);
    expect((await get(emu, `/beta${CATEGORIES}?$filter=displayName eq 'Category 4'`)).value).toHaveLength(0);
    expect((await get(emu, `/beta${CATEGORIES}?$filter=displayName eq 'Newest'`)).value.map((c) => c.id)).toEqual([created.id]);
  });
});
