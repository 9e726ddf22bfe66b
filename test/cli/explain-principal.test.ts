// `intune-plan explain --user` / `--device` against the emulator over real HTTP: legacy-contoso's people and devices
// (seeds.ts) in plan/'s groups, a principal in no plan group, principals that do not exist or are ambiguous, a
// tenant that fails, and the Graph behaviour the reader relies on (ConsistencyLevel on every page of the cast).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { NO_FAULTS } from "../../src/emulator/faults.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { entities } from "../../src/emulator/store.ts";
import { EmulatedTenant, specFor } from "../../src/emulator/tenant.ts";
import { EMULATOR_HEADERS } from "../../src/graph/connect.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { findPrincipal, planGroupIds, principalGroups } from "../../src/graph/principal.ts";
import { compile } from "../../src/compile/compile.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import { capture } from "../helpers/cli.ts";
import { emulator, fastClient } from "../helpers/emulator.ts";
import { stackExport } from "../helpers/stack-export.ts";

const MEGAN = "6e7b768e-07e2-4810-8459-485f84f8f204";
const KIOSK = "2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0";
const KIOSK_DEVICE_ID = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";

async function explain(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(["explain", "plan/", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("intune-plan explain --user / --device on the emulator", () => {
  it("explains a user of legacy-contoso: its plan group, what that group and All users / All devices bring, the settings", async () => {
    const r = await explain("--user", "megan.bowen@contoso.example", "--tenant", "emulator:legacy-contoso", "--phase", "limited-pilot");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("read user Megan Bowen, its 2 groups and the tenant's groups in 3 requests");
    expect(r.out.split("\n")[0]).toBe(
      `contoso: user "Megan Bowen" <megan.bowen@contoso.example> (${MEGAN}) in emulator (legacy-contoso), phase limited-pilot`,
    );
    expect(r.out).toContain(
      'Member of 1 plan group (and 1 tenant group the plan does not manage):\n  groups.it-pilot  "Intune rollout - IT limited pilot" (assigned, users; audience of phase limited-pilot)\n',
    );
    expect(r.out).toContain(
      '  configuration.update-ring-pilot  "Win - Update ring - Pilot"\n      via groups.it-pilot (assignment include); since limited-pilot\n',
    );
    expect(r.out).toContain(
      '  enrollmentRestrictions.block-personal-windows  "Block personal Windows devices"\n      via allUsers; since limited-pilot\n',
    );
    expect(r.out).toContain("    qualityUpdatesDeferralPeriodInDays = 0  (configuration.update-ring-pilot)\n");
    // The broad ring's audience is a later phase's, and it excludes the pilot: it does not reach Megan.
    expect(r.out).not.toContain("configuration.update-ring-broad");
  });

  it("finds the same user by object id (default tenant: the embedded legacy-contoso), as JSON", async () => {
    const r = await explain("--user", MEGAN, "--format", "json");
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as {
      formatVersion: string;
      phase: string;
      principal: { kind: string; id: string };
      groups: { address: string }[];
    };
    expect(doc.formatVersion).toBe("1");
    expect(doc.phase).toBe("production-3");
    expect(doc.principal).toMatchObject({ kind: "user", id: MEGAN });
    expect(doc.groups.map((g) => g.address)).toEqual(["groups.it-pilot"]);
  });

  it("explains a device found by name, object id or deviceId: its dynamic device group and All devices", async () => {
    for (const query of ["CTS-KIOSK-01", KIOSK, KIOSK_DEVICE_ID]) {
      const r = await explain("--device", query, "--phase", "limited-pilot");
      expect(r.code, `${query}: ${r.err}`).toBe(0);
      expect(r.out.split("\n")[0]).toBe(`contoso: device "CTS-KIOSK-01" (${KIOSK}) in emulator (legacy-contoso), phase limited-pilot`);
      expect(r.out).toContain('  groups.all-windows-devices  "Intune - Windows devices" (dynamic, devices)\n');
      expect(r.out).toContain(
        '  configuration.defender-antivirus  "Win - Defender Antivirus"\n      via allDevices; since limited-pilot; filter filters.windows-devices',
      );
    }
  });

  it("a user in no plan group: said on stderr, explained through the virtual targets, exit 0", async () => {
    const r = await explain("--user", "adele.vance@contoso.example", "--phase", "limited-pilot", "--format", "markdown");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(
      "user Adele Vance is in none of the plan's groups (it is in 1 other tenant group): only All users / All devices assignments can reach it\n",
    );
    expect(r.out).toContain("# Explain: Adele Vance");
    expect(r.out).toContain("| `configuration.defender-antivirus` | Win - Defender Antivirus | via allDevices;");
    expect(r.out).not.toContain("groups.it-pilot");
  });

  it("a user or device the tenant does not have, and misuse of the options, are usage errors (64) without a stack", async () => {
    const user = await explain("--user", "nobody@contoso.example");
    expect(user.code).toBe(64);
    expect(user.out).toBe("");
    expect(user.err).toContain('intune-plan explain: no user "nobody@contoso.example" in this tenant');
    expect(user.err).not.toMatch(/\n\s+at /);
    const device = await explain("--device", "CTS-NOWHERE");
    expect(device.code).toBe(64);
    expect(device.err).toContain('no device "CTS-NOWHERE" in this tenant');
    const managed = await explain("--device", "11111111-2222-4333-8444-555555555555");
    expect(managed.err).toContain("an Intune managed device's own id is not an Entra device (use its azureADDeviceId)");
    for (const [args, message] of [
      [["--user", "a", "--device", "b"], "give one of --group, --user and --device, not --user and --device"],
      [["--group", "it-pilot", "--tenant", "emulator"], "--tenant goes with --user or --device"],
      [["--user", ""], "--user needs a value"],
      [[], "--group, --user or --device is required"],
    ] as const) {
      const r = await explain(...args);
      expect(r.code, args.join(" ")).toBe(64);
      expect(r.err).toContain(message);
    }
  });

  it("two devices with the name asked for: refused, naming both ids", async () => {
    const data = seedTenant("legacy-contoso");
    const tenant = new EmulatedTenant(data, 0, () => new Date("2025-06-02T09:00:00Z"));
    const a = tenant.addDirectoryObject("/devices", { displayName: "SHARED-PC", operatingSystem: "Windows" });
    const b = tenant.addDirectoryObject("/devices", { displayName: "SHARED-PC", operatingSystem: "Windows" });
    const emu = await startEmulator({ data });
    try {
      const r = await explain("--device", "shared-pc", "--tenant", emu.url);
      expect(r.code).toBe(64);
      expect(r.err).toContain(`2 devices are named "shared-pc" (${a}, ${b}); intune-plan will not guess`);
    } finally {
      await emu.close();
    }
  });

  it("a tenant that refuses the membership read: the typed Graph error with its request id and a hint, exit 1", async () => {
    const r = await explain("--user", "megan.bowen@contoso.example", "--faults", "reject=transitiveMemberOf");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /intune-plan: GET \/v1\.0\/users\/6e7b768e-07e2-4810-8459-485f84f8f204\/transitiveMemberOf\/microsoft\.graph\.group: 400 BadRequest: .* \(request-id [0-9a-f-]{36}\)\n {2}hint: /,
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("a tenant that keeps failing: 503 after the client's retries, exit 1", async () => {
    const emu = await startEmulator({ data: seedTenant("legacy-contoso"), faults: { ...NO_FAULTS, unavailable: 1 } });
    process.env["INTUNE_PLAN_RETRY_SCALE"] = "0.01";
    try {
      const r = await explain("--user", "megan.bowen@contoso.example", "--tenant", emu.url);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/GET \/v1\.0\/users\/megan\.bowen%40contoso\.example: 503 ServiceUnavailable: .*request-id/);
    } finally {
      delete process.env["INTUNE_PLAN_RETRY_SCALE"];
      await emu.close();
    }
  }, 60_000);
});

describe("explain --user with a stack: plan groups matched as preview --stack matches them", () => {
  it("a duplicated group name is refused without a stack, and resolved by the id the stack recorded", async () => {
    const data = seedTenant("legacy-contoso");
    const tenant = new EmulatedTenant(data, 0, () => new Date("2025-06-02T09:00:00Z"));
    const groups = specFor("/groups");
    if (!groups) throw new Error("no /groups");
    const name = "Intune rollout - IT limited pilot";
    const pilot = Object.entries(entities(data, "/groups")).find(([, g]) => g.body["displayName"] === name)?.[0];
    if (!pilot) throw new Error("legacy-contoso has no pilot group");
    const copy = String(
      tenant.create(groups, { displayName: name, mailEnabled: false, mailNickname: "it-pilot-copy", securityEnabled: true, groupTypes: [] })
        .body["id"],
    );
    const plan = checkPlan(readPlanInputs(["plan"]).inputs).plan;
    if (!plan) throw new Error("plan/ does not validate");
    const state = compile(plan, "limited-pilot");
    const dir = mkdtempSync(join(tmpdir(), "explain-stack-"));
    const exportOwning = (id: string): string => {
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify(stackExport(state, new Map([["groups.it-pilot", id]]), { stack: "emulator" })));
      return file;
    };
    const emu = await startEmulator({ data });
    try {
      const ambiguous = await explain("--user", "megan.bowen@contoso.example", "--tenant", emu.url, "--phase", "limited-pilot");
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.err).toContain(`groups.it-pilot: 2 tenant objects are named "${name}"`);
      expect(ambiguous.err).not.toMatch(/\n\s+at /);
      const owned = await explain(
        "--user",
        "megan.bowen@contoso.example",
        "--tenant",
        emu.url,
        "--phase",
        "limited-pilot",
        "--stack-export",
        exportOwning(pilot),
        "--format",
        "json",
      );
      expect(owned.code, owned.err).toBe(0);
      expect(owned.err).toContain("stack emulator: the plan groups it owns are found by id, the others by name");
      expect((JSON.parse(owned.out) as { groups: { address: string; tenantId: string }[] }).groups).toMatchObject([
        { address: "groups.it-pilot", tenantId: pilot },
      ]);
      // The stack owns the copy, which Megan is not in: she is in no plan group.
      const other = await explain("--user", "megan.bowen@contoso.example", "--tenant", emu.url, "--stack-export", exportOwning(copy));
      expect(other.code, other.err).toBe(0);
      expect(other.out).toContain("In no plan group (and 2 tenant groups the plan does not manage)");
    } finally {
      await emu.close();
    }
  });
});

describe("permissions --mode explain", () => {
  it("lists the read scopes explain --user / --device needs, whatever the plan holds", async () => {
    const io = capture();
    expect(await run(["permissions", "plan/", "--mode", "explain", "--format", "json"], io)).toBe(0);
    const doc = JSON.parse(io.out()) as { mode: string; permissions: { permission: string }[] };
    expect(doc.mode).toBe("explain");
    expect(doc.permissions.map((p) => p.permission)).toEqual(["Device.Read.All", "Group.Read.All", "User.Read.All"]);
  });
});

describe("the tenant reads behind it (graph/principal.ts)", () => {
  it("the group cast needs ConsistencyLevel: eventual and $count=true; the client resends the header on every page", async () => {
    const emu = await emulator("legacy-contoso");
    try {
      const path = `/v1.0/users/${MEGAN}/transitiveMemberOf/microsoft.graph.group`;
      const bare = await fetch(`${emu.url}${path}?$count=true`, { headers: { ...EMULATOR_HEADERS } });
      expect(bare.status).toBe(400);
      expect(((await bare.json()) as { error: { code: string } }).error.code).toBe("Request_UnsupportedQuery");
      const counted = await fetch(`${emu.url}${path}?$count=true&$top=1`, {
        headers: { ...EMULATOR_HEADERS, ConsistencyLevel: "eventual" },
      });
      const page = (await counted.json()) as { "@odata.count": number; value: unknown[]; "@odata.nextLink"?: string };
      expect(page["@odata.count"]).toBe(2);
      expect(page.value).toHaveLength(1);
      expect(page["@odata.nextLink"]).toBeDefined();
      // Without the header on the next page the emulator refuses it, so two items mean the client resent it.
      const client = fastClient(emu.url);
      const both = await client.list(`/users/${MEGAN}/transitiveMemberOf/microsoft.graph.group?$count=true&$top=1`, "v1.0", undefined, {
        ConsistencyLevel: "eventual",
      });
      expect(both.map((g) => g["displayName"]).sort()).toEqual(["Intune rollout - IT limited pilot", "Legacy - All staff"]);
      await expect(client.list(`/users/${MEGAN}/transitiveMemberOf/microsoft.graph.group?$count=true`, "v1.0")).rejects.toBeInstanceOf(
        GraphRequestError,
      );
    } finally {
      await emu.close();
    }
  });

  it("maps the tenant's groups to plan groups as preview matches them, and the principal's groups by id", async () => {
    const emu = await emulator("legacy-contoso");
    try {
      const client = fastClient(emu.url);
      const plan = checkPlan(readPlanInputs(["plan"]).inputs).plan;
      if (!plan) throw new Error("plan/ does not validate");
      const ids = await planGroupIds(client, compile(plan, undefined).objects);
      // legacy-contoso holds two of plan/'s groups by name.
      expect([...ids.keys()].sort()).toEqual(["groups.all-windows-devices", "groups.it-pilot"]);
      const megan = await findPrincipal(client, "user", "MEGAN.BOWEN@contoso.example");
      expect(megan).toMatchObject({ kind: "user", id: MEGAN, displayName: "Megan Bowen" });
      const groups = await principalGroups(client, megan);
      expect(groups.map((g) => g.id)).toContain(ids.get("groups.it-pilot"));
    } finally {
      await emu.close();
    }
  });
});
