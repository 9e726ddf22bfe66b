// Issue 11, item 7: formats that are contracts. Every `--format json` the CLI prints is one versioned document
// (`formatVersion`, documented in docs/json-formats.md), never a bare list; and `compile --requests` shows each
// request for the object it serves, as it is sent to the tenant's cloud.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { compile } from "../../src/compile/compile.ts";
import { plannedRequests } from "../../src/compile/requests.ts";
import { CLOUDS } from "../../src/graph/endpoints.ts";
import { capture } from "../helpers/cli.ts";
import { checkFixture } from "../helpers/fixtures.ts";

/** Every command with a JSON output, as a user runs it. */
const JSON_OUTPUTS: readonly (readonly string[])[] = [
  ["validate", "plan/"],
  ["compile", "plan/"],
  ["compile", "plan/", "--requests"],
  ["diff", "plan/", "--base", "plan/"],
  ["preview", "plan/", "--tenant", "emulator:legacy-contoso"],
  ["drift", "plan/", "--tenant", "emulator:legacy-contoso"],
  ["calendar", "plan/"],
  ["explain", "plan/", "--group", "it-pilot"],
  ["explain", "plan/", "--user", "megan.bowen@contoso.example", "--tenant", "emulator:legacy-contoso"],
  ["licenses", "plan/"],
  ["permissions", "plan/"],
  ["permissions", "plan/", "--mode", "preview"],
  ["permissions", "plan/", "--mode", "status"],
  ["permissions", "plan/", "--mode", "explain"],
  ["status", "plan/", "--phase", "limited-pilot", "--clock", "+10"],
];

async function jsonOf(args: readonly string[]): Promise<unknown> {
  const io = capture();
  const code = await run([...args, "--format", "json"], io);
  expect(code, `${args.join(" ")}: ${io.err()}`).toBe(0);
  return JSON.parse(io.out()) as unknown;
}

describe("every --format json output is a versioned document", () => {
  it.each(JSON_OUTPUTS.map((a) => [a.join(" "), a] as const))("%s", async (_name, args) => {
    const doc = await jsonOf(args);
    expect(Array.isArray(doc), "a document, not a bare list").toBe(false);
    expect(doc).toMatchObject({ formatVersion: "1" });
  });

  it("each is documented, with its version, in docs/json-formats.md, and the README points there", () => {
    const docs = readFileSync("docs/json-formats.md", "utf8");
    for (const args of JSON_OUTPUTS) {
      const command =
        args[0] === "compile" && args.includes("--requests")
          ? "compile --requests"
          : args[0] === "explain" && args.includes("--user")
            ? "explain --user/--device"
            : (args[0] ?? "");
      expect(docs, command).toContain(`\`intune-plan ${command} --format json\``);
    }
    expect(readFileSync("README.md", "utf8")).toContain("docs/json-formats.md");
  });

  it("report commands refuse a format they do not have instead of printing another", async () => {
    for (const args of [
      ["licenses", "plan/", "--format", "markdown"],
      ["permissions", "plan/", "--format", "sarif"],
      ["compile", "plan/", "--requests", "--format", "yaml"],
    ]) {
      const io = capture();
      expect(await run(args, io), args.join(" ")).toBe(64);
      expect(io.out()).toBe("");
    }
  });
});

describe("compile --requests: each request for its object, as sent to the tenant's cloud", () => {
  const checked = checkFixture("plan");
  if (!checked.plan) throw new Error("plan/ does not check");
  const state = compile(checked.plan, undefined);

  it("the text names each request's plan address and its full URL on the cloud's Graph endpoint", async () => {
    for (const [cloud, endpoint] of [
      ["global", CLOUDS.global.graph],
      ["usgov", CLOUDS.usgov.graph],
      [CLOUDS.china.graph, CLOUDS.china.graph],
    ] as const) {
      const io = capture();
      expect(await run(["compile", "plan/", "--requests", ...(cloud === "global" ? [] : ["--tenant", cloud])], io)).toBe(0);
      const lines = io
        .out()
        .split("\n")
        .filter((l) => /^\s*\d+\. /.test(l));
      const planned = plannedRequests(state, endpoint);
      expect(lines).toHaveLength(planned.length);
      planned.forEach((r, i) => {
        expect(r.url.startsWith(`${endpoint}/`), r.url).toBe(true);
        expect(lines[i]).toMatch(
          new RegExp(
            `^\\s*${i + 1}\\. ${r.address.replace(/[.#]/g, "\\$&")}\\s+${r.method} ${r.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
          ),
        );
      });
    }
  });

  it("a built-in role's bind URL is on the same cloud's endpoint, as the apply sends it", () => {
    const usgov = plannedRequests(state, CLOUDS.usgov.graph);
    const binds = usgov.map((r) => r.body["roleDefinition@odata.bind"]).filter((b) => typeof b === "string");
    expect(binds.length).toBeGreaterThan(0);
    for (const b of binds) expect(b).toMatch(new RegExp(`^${CLOUDS.usgov.graph.replace(/\./g, "\\.")}/beta/`));
  });

  it("refuses a --tenant that is not a cloud or an emulator URL", async () => {
    const io = capture();
    expect(await run(["compile", "plan/", "--requests", "--tenant", "https://example.com"], io)).toBe(64);
    expect(io.err()).toContain("--tenant");
  });
});
