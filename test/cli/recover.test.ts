// `intune-plan recover` end to end against an emulated tenant, with a stand-in for the Pulumi CLI that records what
// recover asks of it. The tenant holds an object the plan names that someone made long before the stack existed
// (legacy-contoso's "Intune rollout - IT limited pilot"), one the interrupted update made, and lacks a third.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recoverCommand } from "../../src/cli/commands/recover.ts";
import { run } from "../../src/cli/main.ts";
import type { PulumiStack } from "../../src/cli/pulumi-stack.ts";
import { PulumiCommandError } from "../../src/cli/pulumi-stack.ts";
import { NO_FAULTS } from "../../src/emulator/faults.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { capture } from "../helpers/cli.ts";
import { emulator, fastClient } from "../helpers/emulator.ts";
import type { ExportSpec } from "../helpers/pending-export.ts";
import { exportText, objectUrn, pendingObject } from "../helpers/pending-export.ts";

const PILOT = { address: "groups.it-pilot", displayName: "Intune rollout - IT limited pilot" };
const FINANCE = { address: "groups.finance", displayName: "Finance" };
const HR = { address: "groups.hr", displayName: "HR" };

interface Fake extends PulumiStack {
  readonly calls: string[];
  imported: string | undefined;
}

function fakePulumi(url: string, exports: readonly string[], fail?: "export" | "refresh"): Fake {
  let n = 0;
  const fake: Fake = {
    calls: [],
    imported: undefined,
    exportState: () => {
      fake.calls.push("stack export");
      if (fail === "export")
        return Promise.reject(new PulumiCommandError("pulumi stack export --stack s failed (exit 255): error: no stack named 's' found."));
      return Promise.resolve(exports[Math.min(n++, exports.length - 1)] ?? "");
    },
    settings: () => {
      fake.calls.push("config");
      return Promise.resolve({ "intune-plan:graphEndpoint": url });
    },
    history: () => {
      fake.calls.push("stack history");
      return Promise.resolve("[]");
    },
    importState: (state) => {
      fake.calls.push("stack import");
      fake.imported = state;
      return Promise.resolve();
    },
    refresh: () => {
      fake.calls.push("refresh");
      return fail === "refresh" ? Promise.reject(new PulumiCommandError("pulumi refresh failed")) : Promise.resolve();
    },
    up: () => {
      fake.calls.push("up");
      return Promise.reject(new Error("recover never runs pulumi up"));
    },
  };
  return fake;
}

describe("intune-plan recover", () => {
  let emu: RunningEmulator;
  let financeId: string;
  let spec: ExportSpec;

  beforeEach(async () => {
    emu = await emulator("legacy-contoso");
    // The stack's first update began a minute ago; the interrupted create of "Finance" reached Graph, "HR" did not.
    spec = {
      stackCreated: new Date(Date.now() - 60_000).toISOString(),
      pending: [pendingObject(PILOT), pendingObject(FINANCE), pendingObject(HR)],
    };
    financeId = String(
      (
        await fastClient(emu.url).create(
          "/groups",
          { displayName: "Finance", mailEnabled: false, mailNickname: "finance", securityEnabled: true },
          "v1.0",
        )
      )["id"],
    );
  });
  afterEach(async () => {
    await emu.close();
  });

  const recover = async (args: string[], fake: Fake) => {
    const io = capture();
    const code = await recoverCommand(args, io, { pulumi: () => fake, env: {}, wait: () => Promise.resolve() });
    return { code, out: io.out(), err: io.err() };
  };

  it("imports what the update made, clears what it did not, refuses the older object, and says so line by line", async () => {
    const fake = fakePulumi(emu.url, [exportText(spec)]);
    const { code, out } = await recover(["--stack", "s"], fake);
    expect(code).toBe(1);
    const lines = out.split("\n");
    expect(lines[1]).toMatch(
      /^refuse {2}groups\.it-pilot: the tenant's "Intune rollout - IT limited pilot" \(.+\) was created 2025-06-02T09:00:00.*: it is someone else's and is never taken over\. Fix: if it is the plan's, set adopt: true on groups\.it-pilot/,
    );
    expect(lines[2]).toMatch(new RegExp(`^import  groups\\.finance → ${financeId}: the tenant's only "Finance" was created `));
    expect(lines[3]).toMatch(/^clear {3}groups\.hr: the tenant has no "HR" in \/groups/);
    expect(out).toContain("1 to import, 1 to clear, 0 for the refresh to settle, 1 refused");
    expect(out).toContain("1 refused: nothing was taken over; pulumi up stops on its name until the fix above is made");
    expect(fake.calls).toEqual(["stack export", "config", "stack history", "stack export", "stack import", "refresh"]);
    const written = JSON.parse(fake.imported ?? "{}") as {
      deployment: { resources: { urn: string; id?: string }[]; pending_operations: unknown[] };
    };
    expect(written.deployment.pending_operations).toEqual([]);
    expect(written.deployment.resources.filter((r) => r.id === financeId).map((r) => r.urn)).toEqual([objectUrn(FINANCE)]);
  });

  it("exits 0 when everything is settled", async () => {
    const fake = fakePulumi(emu.url, [exportText({ ...spec, pending: [pendingObject(FINANCE), pendingObject(HR)] })]);
    const { code, out } = await recover(["--stack", "s"], fake);
    expect(code).toBe(0);
    expect(out).toContain("recovered: run pulumi up to finish the 1 imported resources and create what was cleared");
  });

  it("--dry-run and --stack-export change nothing", async () => {
    const dry = fakePulumi(emu.url, [exportText(spec)]);
    const d = await recover(["--stack", "s", "--dry-run"], dry);
    expect(d.code).toBe(1);
    expect(d.out).toContain(
      "dry run: nothing changed. recover would write the state with 1 imported and all 3 pending records removed (pulumi stack import --stack s)",
    );
    expect(dry.calls).toEqual(["stack export", "config", "stack history"]);
    const file = join(mkdtempSync(join(tmpdir(), "recover-")), "stack.json");
    writeFileSync(file, exportText({ ...spec, pending: [pendingObject(FINANCE)] }));
    const offline = fakePulumi(emu.url, []);
    const f = await recover(["--stack-export", file, "--tenant", emu.url], offline);
    expect(f.code).toBe(0);
    expect(f.out).toContain(`import  groups.finance → ${financeId}`);
    expect(f.err).toContain("without --stack the update history is not read");
    expect(offline.calls).toEqual([]);
  });

  it("writes nothing when the stack changed while the tenant was read", async () => {
    const fake = fakePulumi(emu.url, [exportText(spec), exportText({ ...spec, pending: [] })]);
    const { code, err } = await recover(["--stack", "s"], fake);
    expect(code).toBe(1);
    expect(err).toContain("changed while recover was reading the tenant");
    expect(fake.calls).not.toContain("stack import");
  });

  it("reports Pulumi failures with their cause, and a failed refresh after the write with what is already done", async () => {
    const missing = await recover(["--stack", "s"], fakePulumi(emu.url, [], "export"));
    expect(missing).toMatchObject({ code: 1, out: "" });
    expect(missing.err).toBe("intune-plan: pulumi stack export --stack s failed (exit 255): error: no stack named 's' found.\n");
    const refresh = await recover(
      ["--stack", "s"],
      fakePulumi(emu.url, [exportText({ ...spec, pending: [pendingObject(HR)] })], "refresh"),
    );
    expect(refresh.code).toBe(1);
    expect(refresh.err).toContain("The pending operations are already settled in the state; run pulumi refresh --stack s");
  });

  it("looks for a group again before calling it absent: a new group can be invisible while it replicates", async () => {
    await emu.close();
    emu = await emulator("empty", { ...NO_FAULTS, lag: 4 });
    const id = String(
      (
        await fastClient(emu.url).create(
          "/groups",
          { displayName: "HR", mailEnabled: false, mailNickname: "hr", securityEnabled: true },
          "v1.0",
        )
      )["id"],
    );
    const { code, out } = await recover(["--stack", "s"], fakePulumi(emu.url, [exportText({ ...spec, pending: [pendingObject(HR)] })]));
    expect(code).toBe(0);
    expect(out).toContain(`import  groups.hr → ${id}`);
  });

  it("says nothing is pending when nothing is, and how the next up takes over what an up without checkpoints made", async () => {
    const { code, out } = await recover(["--stack", "s"], fakePulumi(emu.url, [exportText({})]));
    expect(code).toBe(0);
    const [first, ...hint] = out.split("\n");
    expect(first).toBe("stack s: no pending operations; nothing to recover");
    expect(hint.join(" ")).toContain("PULUMI_SKIP_CHECKPOINTS=true");
    // The bound is the latest the stack knows (here its stack resource's creation), in a form the shell takes as is.
    expect(hint).toContain("  INTUNE_PLAN_ADOPT_CREATED_SINCE=2026-12-03T09:03:25.826Z pulumi up --continue-on-error");
    // A stack whose first up left no record: nothing says when it began, so the user is asked for the time.
    const unknown = await recover(["--stack", "s"], fakePulumi(emu.url, [exportText({ stackCreated: null })]));
    expect(unknown.out).toContain("INTUNE_PLAN_ADOPT_CREATED_SINCE=<when it began> pulumi up --continue-on-error");
    expect(unknown.out).toContain("give a CI job's start time");
    const since = await recover(["--stack", "s", "--since", "2026-12-04T08:00:00Z"], fakePulumi(emu.url, [exportText({})]));
    expect(since.out).toContain("INTUNE_PLAN_ADOPT_CREATED_SINCE=2026-12-04T08:00:00Z pulumi up --continue-on-error");
  });

  it("usage errors exit 64 with what to pass", async () => {
    for (const args of [
      [],
      ["--stack-export", "x.json"],
      ["--stack", "s", "--tenant", "emulator"],
      ["--stack", "s", "--since", "yesterday"],
      ["--stack", "s", "--bogus"],
      // A day the calendar lacks: Date.parse rolls 30 February over to 2 March, which would move the bound.
      ["--stack", "s", "--since", "2026-02-30T09:30:00Z"],
    ]) {
      const io = capture();
      expect(await run(["recover", ...args], io)).toBe(64);
      expect(io.err()).not.toContain("    at ");
    }
  });
});
