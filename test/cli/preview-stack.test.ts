// `preview --stack` / `--stack-export` gives pulumi preview's answer for a stack: plan/ (plus a kiosk category) is
// applied to the emulator with the project's adapters and written out as that stack's export; previews of the
// same plan, of plan/ without the kiosk, of a plan whose new object takes a tenant object's name (with and without
// adopt: true), and without a stack then show what Pulumi would do, and what cannot be known.
import { chmodSync, cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { compile } from "../../src/compile/compile.ts";
import type { ChangeReport, ChangeSet } from "../../src/diff/change-set.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import { capture } from "../helpers/cli.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { stackExport } from "../helpers/stack-export.ts";

const PHASE = "limited-pilot";
const KIOSK = "enrollmentCategories:\n  kiosk: { displayName: Kiosk, description: Shared kiosk devices }\n";

let emu: RunningEmulator;
let dir: string;
/** A plan folder: plan/'s files plus `extra` as one more file. */
function planWith(name: string, extra?: string): string {
  const folder = join(dir, name);
  cpSync("plan", folder, { recursive: true });
  if (extra !== undefined) writeFileSync(join(folder, "zz-extra.yaml"), extra);
  return folder;
}

async function preview(args: readonly string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  const io = capture(cwd);
  const code = await run(["preview", ...args], io);
  return { code, out: io.out(), err: io.err() };
}
const jsonSet = (out: string): ChangeSet => {
  const set = (JSON.parse(out) as ChangeReport).changeSets[0];
  if (!set) throw new Error("no change set");
  return set;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "preview-stack-"));
  const applied = planWith("applied", KIOSK);
  const plan = checkPlan(readPlanInputs([applied]).inputs).plan;
  if (!plan) throw new Error("plan/ with the kiosk does not check");
  const state = compile(plan, PHASE);
  emu = await emulator("empty");
  const ids = await applyState(fastClient(emu.url), state);
  writeFileSync(join(dir, "stack.json"), JSON.stringify(stackExport(state, ids, { stack: "emulator" }), null, 2));
  // Someone made a "Lobby" category by hand: the stack does not own it.
  await fastClient(emu.url).create(
    "/deviceManagement/deviceCategories",
    { "@odata.type": "#microsoft.graph.deviceCategory", displayName: "Lobby" },
    "beta",
  );
}, 60_000);

afterAll(async () => {
  await emu.close();
});

describe("intune-plan preview with a Pulumi stack's ownership", () => {
  it("the plan the stack applied: no changes, exit 0, every object matched by id", async () => {
    const r = await preview([
      join(dir, "applied"),
      "--tenant",
      emu.url,
      "--phase",
      PHASE,
      "--stack-export",
      join(dir, "stack.json"),
      "--detailed-exitcode",
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("stack emulator owns 113 Graph objects and 58 assignment sets");
    expect(r.out).toContain(
      "No changes: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 to adopt; 0 assignment sets to change; 113 objects unchanged",
    );
    expect(r.out).toContain("Ownership: Pulumi stack emulator (113 objects, 58 assignment sets");
    const set = jsonSet(
      (
        await preview([
          join(dir, "applied"),
          "--tenant",
          emu.url,
          "--phase",
          PHASE,
          "--stack-export",
          join(dir, "stack.json"),
          "--format",
          "json",
        ])
      ).out,
    );
    expect(set.ownership).toEqual({ source: "stack", stack: "emulator", objects: 113, assignmentSets: 58 });
    expect(set.findings).toEqual([]);
    expect(new Set(set.objects.map((o) => `${o.action}/${o.matchedBy ?? ""}`))).toEqual(new Set(["no-op/id"]));
  });

  it("an owned object the plan no longer has is one delete", async () => {
    const r = await preview([
      planWith("without-kiosk"),
      "--tenant",
      emu.url,
      "--phase",
      PHASE,
      "--stack-export",
      join(dir, "stack.json"),
      "--detailed-exitcode",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      "Changes: 0 to create, 0 to update, 0 to replace, 1 to delete, 0 to adopt; 0 assignment sets to change; 112 objects unchanged",
    );
    expect(r.out).toContain('  - enrollmentCategories.kiosk  (delete)  "Kiosk"');
    expect(r.out).toContain("HIGH   deletion            enrollmentCategories.kiosk");
    expect(r.err).toContain("112 plan objects found, 1 the stack owns and the plan no longer has");
  });

  it("a new plan object whose name a tenant object holds is a create the provider would refuse: an error finding, exit 1", async () => {
    const r = await preview([
      planWith("lobby", `${KIOSK}  lobby: { displayName: Lobby }\n`),
      "--tenant",
      emu.url,
      "--phase",
      PHASE,
      "--stack-export",
      join(dir, "stack.json"),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Changes: 1 to create, 0 to update, 0 to replace, 0 to delete, 0 to adopt");
    expect(r.out).toMatch(
      /ERROR {3}name-taken {10}enrollmentCategories\.lobby: the tenant already has "Lobby" \([0-9a-f-]{36}\), which stack emulator does not own: pulumi up would fail to create enrollmentCategories\.lobby/,
    );
    expect(r.out).toContain("fix: Set adopt: true on enrollmentCategories.lobby to take that object over, or rename one of them");
    expect(r.err).toContain("1 ownership error: pulumi up would fail or do harm");
    const set = jsonSet(
      (
        await preview([
          join(dir, "lobby"),
          "--tenant",
          emu.url,
          "--phase",
          PHASE,
          "--stack-export",
          join(dir, "stack.json"),
          "--format",
          "json",
        ])
      ).out,
    );
    expect(set.findings?.map((f) => `${f.severity} ${f.code} ${f.address}`)).toEqual(["error name-taken enrollmentCategories.lobby"]);
    const sarif = (
      await preview([
        join(dir, "lobby"),
        "--tenant",
        emu.url,
        "--phase",
        PHASE,
        "--stack-export",
        join(dir, "stack.json"),
        "--format",
        "sarif",
      ])
    ).out;
    expect(sarif).toContain('"ruleId": "name-taken"');
  });

  it("with adopt: true the same object is adopted, and nothing is an error", async () => {
    const r = await preview([
      planWith("lobby-adopt", `${KIOSK}  lobby: { displayName: Lobby, adopt: true }\n`),
      "--tenant",
      emu.url,
      "--phase",
      PHASE,
      "--stack-export",
      join(dir, "stack.json"),
      "--detailed-exitcode",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("Changes: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 to adopt");
    expect(r.out).toContain('  <= enrollmentCategories.lobby  (adopt)  "Lobby"');
    expect(r.out).not.toContain("ERROR");
  });

  it("a renamed key: with renamedFrom the stack's object moves to it, as Pulumi's alias does; without, it is an error", async () => {
    const renamed =
      "enrollmentCategories:\n  shared-kiosk: { displayName: Kiosk, description: Shared kiosk devices, renamedFrom: [kiosk] }\n";
    const moved = await preview([
      planWith("renamed", renamed),
      "--tenant",
      emu.url,
      "--phase",
      PHASE,
      "--stack-export",
      join(dir, "stack.json"),
      "--detailed-exitcode",
    ]);
    expect(moved.code).toBe(0);
    expect(moved.out).toContain("No changes");
    const forgotten = await preview([
      planWith("renamed-bare", renamed.replace(", renamedFrom: [kiosk]", "")),
      "--tenant",
      emu.url,
      "--phase",
      PHASE,
      "--stack-export",
      join(dir, "stack.json"),
    ]);
    expect(forgotten.code).toBe(1);
    expect(forgotten.out).toContain("Changes: 1 to create, 0 to update, 0 to replace, 1 to delete");
    expect(forgotten.out).toContain('ERROR   renamed-key         enrollmentCategories.shared-kiosk: "Kiosk"');
    expect(forgotten.out).toContain("add renamedFrom: [kiosk] to enrollmentCategories.shared-kiosk");
  });

  it("without a stack: ownership unknown, said on stderr and in the report; name matches are never called adopt", async () => {
    const r = await preview([join(dir, "applied"), "--tenant", emu.url, "--phase", PHASE, "--detailed-exitcode"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("ownership unknown: no --stack given, so 113 plan objects were matched to tenant objects by name");
    expect(r.out).toContain("Ownership: unknown (no stack given): 113 objects matched by name");
    expect(r.out).not.toMatch(/\(adopt\)|[1-9]\d* to adopt/);
    const lobby = await preview([join(dir, "lobby-adopt"), "--tenant", emu.url, "--phase", PHASE, "--format", "json"]);
    const set = jsonSet(lobby.out);
    expect(set.ownership).toEqual({ source: "unknown", matchedByName: 114 });
    expect(set.objects.find((o) => o.address === "enrollmentCategories.lobby")).toMatchObject({ action: "no-op", matchedBy: "name" });
    expect(set.summary.adopt).toBe(0);
  });

  describe("--stack NAME runs pulumi stack export in the working directory, with the stack's settings file", () => {
    const fakePulumi = (bin: string): void => {
      // A stand-in for the Pulumi CLI: knows one stack, fails like Pulumi for any other.
      writeFileSync(
        join(bin, "pulumi"),
        `#!/bin/sh\n[ "$1 $2 $3 $4" = "stack export --stack emulator" ] && exec cat "${join(dir, "stack.json")}"\necho "error: no stack named '$4' found" >&2\nexit 255\n`,
      );
      chmodSync(join(bin, "pulumi"), 0o755);
    };
    const withPath = async <T>(path: string, body: () => Promise<T>): Promise<T> => {
      const saved = process.env["PATH"];
      process.env["PATH"] = path;
      try {
        return await body();
      } finally {
        process.env["PATH"] = saved;
      }
    };

    it("reads the export and takes the phase and Graph endpoint from Pulumi.<stack>.yaml", async () => {
      const project = mkdtempSync(join(dir, "project-"));
      const bin = mkdtempSync(join(dir, "bin-"));
      fakePulumi(bin);
      writeFileSync(
        join(project, "Pulumi.emulator.yaml"),
        `config:\n  intune-plan:phase: ${PHASE}\n  intune-plan:graphEndpoint: ${emu.url}\n  intune-plan:CHARLOTTE_WIFI_PSK:\n    secure: v1:c3ludGhldGlj:bm90LWEtcmVhbC1zZWNyZXQ=\n`,
      );
      const r = await withPath(`${bin}:${process.env["PATH"] ?? ""}`, () =>
        preview([join(dir, "applied"), "--stack", "emulator", "--detailed-exitcode"], project),
      );
      expect(r.err).toContain(`stack emulator: phase ${PHASE}, tenant ${emu.url} (from Pulumi.emulator.yaml)`);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`emulator → ${join(dir, "applied")} (${PHASE})`.replace("emulator", emu.url));
      expect(r.out).toContain("No changes");
      expect(`${r.out}${r.err}`).not.toMatch(/ciphertext|bm90LWEtcmVhbC1zZWNyZXQ|1b47061264138c4ac30d75fd1eb44270/);
    });

    it("a stack pulumi does not know, pulumi missing, and an export that is not one are user errors with a fix", async () => {
      const bin = mkdtempSync(join(dir, "bin-"));
      fakePulumi(bin);
      const unknown = await withPath(`${bin}:${process.env["PATH"] ?? ""}`, () =>
        preview(["plan/", "--tenant", emu.url, "--stack", "nope"]),
      );
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain(
        "intune-plan: pulumi stack export --stack nope failed (exit 255): no stack named 'nope' found. Check the stack name (pulumi stack ls)",
      );
      const missing = await withPath(mkdtempSync(join(dir, "empty-")), () =>
        preview(["plan/", "--tenant", emu.url, "--stack", "emulator"]),
      );
      expect(missing.code).toBe(1);
      expect(missing.err).toContain("pulumi is not on PATH");
      expect(missing.err).toContain("--stack-export stack.json");
      writeFileSync(join(dir, "broken.json"), '{"deployment": {"resources": [ {"ciphertext": "v1:abc"');
      const broken = await preview(["plan/", "--tenant", emu.url, "--stack-export", join(dir, "broken.json")]);
      expect(broken.code).toBe(1);
      expect(broken.err).toContain("is not JSON");
      expect(broken.err).not.toContain("v1:abc");
      writeFileSync(join(dir, "state.json"), '{"version": 3, "checkpoint": {}}');
      expect((await preview(["plan/", "--tenant", emu.url, "--stack-export", join(dir, "state.json")])).err).toContain(
        'is not a Pulumi stack export: it has no "deployment" object',
      );
      expect((await preview(["plan/", "--tenant", emu.url, "--stack-export", join(dir, "nowhere.json")])).err).toContain(
        "cannot be read (ENOENT)",
      );
      for (const r of [unknown, missing, broken]) expect(r.err).not.toMatch(/\n\s+at /);
      const both = await preview(["plan/", "--stack", "a", "--stack-export", "b"]);
      expect(both.code).toBe(64);
    });
  });

  it("an owned object deleted outside Pulumi: a create, with a warning that names pulumi refresh (last: it changes the tenant)", async () => {
    const set = jsonSet(
      (
        await preview([
          join(dir, "applied"),
          "--tenant",
          emu.url,
          "--phase",
          PHASE,
          "--stack-export",
          join(dir, "stack.json"),
          "--format",
          "json",
        ])
      ).out,
    );
    const kiosk = set.objects.find((o) => o.address === "enrollmentCategories.kiosk");
    await fastClient(emu.url).delete(`/deviceManagement/deviceCategories/${kiosk?.id ?? ""}`, "beta");
    const r = await preview([join(dir, "applied"), "--tenant", emu.url, "--phase", PHASE, "--stack-export", join(dir, "stack.json")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Changes: 1 to create");
    expect(r.out).toContain("WARNING missing-from-tenant enrollmentCategories.kiosk: stack emulator records enrollmentCategories.kiosk as");
    expect(r.out).toContain("fix: Run pulumi refresh --stack emulator");
  });
});
