// Planned group members (memberList) against the emulator, through the provider's own create, update and read:
// listed members are added, a changed list adds and removes only what the plan listed, a member added outside the
// plan is kept, and preview and the provider's diff afterwards show no change.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject, DesiredState } from "../../src/compile/desired-state.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { UnresolvedMembersError } from "../../src/graph/members.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { ObjectInputs, ProviderState } from "../../providers/runtime.ts";
import { create, diff, read, update } from "../../providers/runtime.ts";
import { checkFixture, FIXTURES } from "../helpers/fixtures.ts";
import { emulator, fastClient } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const state = (): DesiredState => {
  const p = checkFixture(`${FIXTURES}valid/member-list`).plan;
  if (!p) throw new Error("member-list fixture does not check");
  return compile(p, "pilot");
};
const ringA = (s: DesiredState): DesiredObject => s.objects.find((o) => o.address === "groups.ring-a") as DesiredObject;
const inputs = (object: DesiredObject): ObjectInputs => ({ resource: "object", object, ids: {}, secretValues: {} });
const withNames = (o: DesiredObject, names: string[]): DesiredObject => ({ ...o, members: { of: "users", names } });

describe("planned group members against the emulator", () => {
  it("create adds the listed members; update adds and removes only the plan's; preview and diff then show no change", async () => {
    const emu = await emulator("pilot-healthy");
    try {
      const upns = (id: string): string[] =>
        (emu.tenant.data.collections["/groups"]?.[id]?.members ?? [])
          .map((m) => emu.tenant.data.rollout?.users.find((u) => u.id === m)?.userPrincipalName ?? m)
          .sort();
      const provider: ProviderState = { config: { endpoint: emu.url } };
      const s = state();
      const first = await create(provider, inputs(ringA(s)));
      const id = first.id;
      expect(upns(id)).toEqual(["pilot01@contoso.example", "pilot02@contoso.example"]);

      // Someone adds pilot09 in the portal: not the plan's, so never removed.
      const client = fastClient(emu.url);
      const outsider = emu.tenant.data.rollout?.users.find((u) => u.userPrincipalName === "pilot09@contoso.example")?.id ?? "";
      await client.action(`/groups/${id}/members/$ref`, { "@odata.id": `${emu.url}/v1.0/directoryObjects/${outsider}` }, "v1.0");

      // The plan drops pilot01 and adds pilot05.
      const changed = inputs(withNames(ringA(s), ["pilot02@contoso.example", "pilot05@contoso.example"]));
      expect(diff(first.outs, changed).changes).toBe(true);
      const second = await update(provider, id, changed, first.outs);
      expect(upns(id)).toEqual(["pilot02@contoso.example", "pilot05@contoso.example", "pilot09@contoso.example"]);

      // Refresh reads the members back (one listing), and the provider's diff finds nothing to do.
      const refreshed = await read(provider, id, second.outs);
      expect((refreshed.props as ObjectInputs).observed?.["members"]).toEqual(["pilot02@contoso.example", "pilot05@contoso.example"]);
      expect(diff(refreshed.props as ObjectInputs, changed).changes).toBe(false);

      // intune-plan preview against the tenant: no change on the group.
      const head: DesiredState = { ...s, objects: [changed.object], assignments: [] };
      const before = client.stats.requests;
      const tenant = await readTenant(client, {
        label: "emulator",
        desired: head.objects,
        stack: ownershipOf(head, new Map([["groups.ring-a", id]])),
      });
      // Groups, scope tags and filters (always read, for references), then one members listing for the listed group.
      expect(client.stats.requests - before).toBe(4);
      const set = diffStates(tenant.view, viewOfDesired(head, "plan"), { plan: "member-list" });
      expect(set.objects.map((o) => `${o.action} ${o.address}`)).toEqual(["no-op groups.ring-a"]);

      // The plan lists pilot01 again: preview shows the group's change by UPN.
      const again: DesiredState = {
        ...head,
        objects: [withNames(ringA(s), ["pilot01@contoso.example", "pilot02@contoso.example", "pilot05@contoso.example"])],
      };
      const change = diffStates(tenant.view, viewOfDesired(again, "plan"), { plan: "member-list" }).objects[0];
      expect(change?.action).toBe("update");
      expect(change?.properties).toEqual([
        {
          path: ["members"],
          before: ["pilot02@contoso.example", "pilot05@contoso.example"],
          after: ["pilot01@contoso.example", "pilot02@contoso.example", "pilot05@contoso.example"],
        },
      ]);
    } finally {
      await emu.close();
    }
  }, 20_000);

  it("a UPN that does not resolve stops the create before the group exists, naming the UPN and the group", async () => {
    const emu = await emulator("pilot-healthy");
    try {
      const provider: ProviderState = { config: { endpoint: emu.url } };
      const object = withNames(ringA(state()), ["nobody@contoso.example", "pilot01@contoso.example"]);
      const error = (await create(provider, inputs(object)).catch((e: unknown) => e)) as Error & { id?: string };
      expect(error.message).toContain('groups.ring-a ("Ring A")');
      expect(error.message).toContain('"nobody@contoso.example"');
      expect(error.id).toBeUndefined();
      expect(Object.values(emu.tenant.data.collections["/groups"] ?? {}).filter((g) => g.body["displayName"] === "Ring A")).toEqual([]);
      expect(UnresolvedMembersError.name).toBe("UnresolvedMembersError");
    } finally {
      await emu.close();
    }
  });

  it("device groups resolve members by device name", async () => {
    const emu = await emulator("pilot-healthy");
    try {
      const provider: ProviderState = { config: { endpoint: emu.url } };
      const ring = state().objects.find((o) => o.address === "groups.ring-devices") as DesiredObject;
      const made = await create(provider, inputs(ring));
      const device = emu.tenant.data.rollout?.devices.find((d) => d.deviceName === "CTS-LT-04")?.id;
      expect(emu.tenant.data.collections["/groups"]?.[made.id]?.members).toEqual([device]);
    } finally {
      await emu.close();
    }
  });
});
