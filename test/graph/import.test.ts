// Import round trip: tenant → plan file → validate → compile → compared with the tenant again: every object
// matches by name with no property change and no assignment change, and, since the import says adopt: true on
// every object, a stack that owns nothing yet adopts each one (import, then manage with Pulumi). Over the seeded
// legacy tenant, and over a tenant holding every kind (plan/ applied at its last phase).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { compile } from "../../src/compile/compile.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import type { SeedName } from "../../src/emulator/seeds.ts";
import { importPlan } from "../../src/graph/import-plan.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { graphDefault, propertiesOf } from "../../src/graph-model/graph-schema.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";

async function roundTrip(seed: SeedName, withPlan: boolean) {
  const emu = await emulator(seed);
  try {
    const client = fastClient(emu.url);
    if (withPlan) {
      const plan = checkFixture("plan").plan;
      if (!plan) throw new Error("plan/ does not check");
      await applyState(client, compile(plan, undefined));
    }
    const read = await readTenant(client, { label: "emulator" });
    const { plan, notes, files } = importPlan(read, "imported");
    // Script text comes back as files next to the plan, which names them (import writes them; here, in memory).
    const scripts = new Map(files.map((f) => [f.path, f.text]));
    const checked = checkPlan([
      {
        path: "imported.yaml",
        bytes: Buffer.from(stringify(plan)),
        readScript: (relative) => {
          const text = scripts.get(relative);
          return text === undefined ? { missing: relative } : { text };
        },
      },
    ]);
    expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const imported = checked.plan;
    if (!imported) throw new Error("no plan");
    const desired = compile(imported, undefined);
    const again = await readTenant(client, { label: "emulator", desired: desired.objects });
    const set = diffStates(again.view, viewOfDesired(desired, "imported"), { plan: "imported" });
    const fresh = await readTenant(client, {
      label: "emulator",
      desired: desired.objects,
      stack: { stack: "new", objects: [], assignmentSets: [] },
    });
    const adopted = diffStates(fresh.view, viewOfDesired(desired, "imported"), { plan: "imported" });
    return { read, desired, set, adopted, notes, imported, files };
  } finally {
    await emu.close();
  }
}

describe("import", () => {
  it("the legacy Contoso tenant imports to a plan that compiles back to the same bodies", async () => {
    const { read, desired, set, adopted } = await roundTrip("legacy-contoso", false);
    expect(desired.objects).toHaveLength(read.view.objects.length);
    expect(desired.objects.every((o) => o.adopt === true)).toBe(true);
    expect(set.objects.map((o) => `${o.action}:${o.matchedBy ?? ""}:${o.properties.length}`)).toEqual(
      set.objects.map(() => "no-op:name:0"),
    );
    expect(set.assignments.filter((a) => a.action !== "no-op")).toEqual([]);
    expect(adopted.objects.map((o) => `${o.action}:${o.properties.length}`)).toEqual(adopted.objects.map(() => "adopt:0"));
    expect(adopted.findings).toEqual([]);
  }, 60_000);

  it("a tenant holding every kind imports and compiles back to the same bodies, modulo server-owned fields", async () => {
    const { desired, set, adopted, notes, files, imported } = await roundTrip("empty", true);
    expect(new Set(desired.objects.map((o) => o.kind)).size).toBe(27);
    // Script text comes back byte for byte, as files next to the plan that the plan names.
    expect(files.map((f) => f.path).sort()).toEqual([
      "remediations/win-clear-a-full-temp-folder/detect.ps1",
      "remediations/win-clear-a-full-temp-folder/remediate.ps1",
      "scripts/win-set-time-zone-from-the-campus/set-timezone.ps1",
    ]);
    expect(files.find((f) => f.path.endsWith("set-timezone.ps1"))?.text).toBe(readFileSync("plan/scripts/set-timezone.ps1", "utf8"));
    expect(imported.remediations["win-clear-a-full-temp-folder"]?.schedule).toEqual({ every: "daily", time: "03:00" });
    expect(set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address} ${JSON.stringify(o.properties)}`)).toEqual(
      [],
    );
    const changed = adopted.objects
      .filter((o) => o.action !== "adopt" || o.properties.length > 0)
      .map((o) => `${o.action} ${o.address} ${JSON.stringify(o.properties)}`);
    expect(changed).toEqual([]);
    expect(
      set.assignments
        .filter((a) => a.action !== "no-op")
        .map((a) => `${a.address} +${JSON.stringify(a.added)} -${JSON.stringify(a.removed)}`),
    ).toEqual([]);
    // Secrets cannot be read back: the import says so instead of inventing one.
    expect(notes.some((n) => n.includes("write-only"))).toBe(true);
  }, 60_000);

  it("the imported plan compiles to the original plan's bodies and targets (plan against plan, no tenant projection)", async () => {
    const original = compile(
      checkFixture("plan").plan ??
        (() => {
          throw new Error("plan/");
        })(),
      undefined,
    );
    const { desired } = await roundTrip("empty", true);
    // Keys differ (the import makes them from names): map imported addresses to the originals by kind and name.
    const byName = new Map(original.objects.map((o) => [`${o.kind}|${o.displayName}`, o.address]));
    const rename = new Map(desired.objects.map((o) => [o.address, byName.get(`${o.kind}|${o.displayName}`) ?? o.address]));
    const renamed = JSON.parse(JSON.stringify(desired), (k, v: unknown) =>
      typeof v === "string" && (k === "$ref" || k === "address" || k === "of" || k === "group") ? (rename.get(v) ?? v) : v,
    ) as typeof desired;
    const fixedAddresses = {
      ...renamed,
      objects: renamed.objects.map((o) => ({ ...o, address: rename.get(o.address) ?? o.address })),
      assignments: renamed.assignments.map((a) => ({ ...a, address: `${rename.get(a.of) ?? a.of}#assignments` })),
    };
    const set = diffStates(viewOfDesired(original, "plan/"), viewOfDesired(fixedAddresses, "imported"), { plan: "p" });
    // A value the original states that equals Graph's default is the same tenant state as leaving it out.
    const isDefault = (type: string | null, path: readonly string[], value: unknown): boolean => {
      const p = path.length === 1 && type ? propertiesOf(type.replace("#microsoft.graph.", "")).get(path[0] ?? "") : undefined;
      return p !== undefined && value === graphDefault(p);
    };
    const changed = set.objects
      .filter((o) => o.action !== "no-op")
      .flatMap((o) =>
        o.properties
          .filter((p) => !(p.after === undefined && isDefault(o.odataType, p.path, p.before)))
          .map((p) => `${o.address} ${p.path.join(".")}`),
      );
    // The only loss: write-only Wi-Fi keys, which Graph never returns.
    expect(changed).toEqual(["configuration.charlotte-wifi-ios preSharedKey", "configuration.charlotte-wifi-windows preSharedKey"]);
    expect(set.assignments.filter((a) => a.action !== "no-op").map((a) => a.address)).toEqual([]);
  }, 60_000);

  it("a pre-shared key the tenant echoes becomes a { secret: NAME } reference and a note naming NAME, never the value", async () => {
    const { read } = await roundTrip("empty", true);
    const PSK = "echoed-PSK-value-1234";
    const echoing = {
      ...read,
      view: {
        ...read.view,
        objects: read.view.objects.map((o) => (/wi-?fi/i.test(o.address) ? { ...o, body: { ...o.body, preSharedKey: PSK } } : o)),
      },
    };
    const { plan, notes, files } = importPlan(echoing, "imported");
    const text = stringify(plan);
    expect(text).not.toContain(PSK);
    expect(notes.join("\n")).not.toContain(PSK);
    const wifi = (plan["configuration"] as Record<string, { settings?: Record<string, unknown> }>)["charlotte-contoso-wi-fi-windows"];
    expect(wifi?.settings?.["preSharedKey"]).toEqual({ secret: "CHARLOTTE_CONTOSO_WI_FI_WINDOWS_PRESHAREDKEY" });
    expect(notes).toContain(
      "configuration.charlotte-contoso-wi-fi-windows: the tenant returned a value for preSharedKey; the plan says { secret: CHARLOTTE_CONTOSO_WI_FI_WINDOWS_PRESHAREDKEY } instead: set it with pulumi config set --secret CHARLOTTE_CONTOSO_WI_FI_WINDOWS_PRESHAREDKEY … or the CHARLOTTE_CONTOSO_WI_FI_WINDOWS_PRESHAREDKEY environment variable",
    );
    const scripts = new Map(files.map((f) => [f.path, f.text]));
    const checked = checkPlan([{ path: "imported.yaml", bytes: Buffer.from(text), readScript: (r) => ({ text: scripts.get(r) ?? "" }) }]);
    expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  }, 60_000);
});
