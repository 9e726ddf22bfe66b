// Child-entity assignments (kinds without /assign: terms and conditions, Autopilot profiles) against a loopback
// tenant that loses replies: a POST of one assignment is a create, so a lost reply is checked by target before the
// POST is sent again, and one that Graph committed is never sent twice.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DesiredAssignmentSet, JsonObject } from "../../src/compile/desired-state.ts";
import { assignObject } from "../../src/graph/apply-object.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { writeContext } from "../helpers/emulator.ts";
import { json, loopback } from "./loopback.ts";

const AUP = "termsAndConditions.aup";

describe("a child assignment whose reply is lost", () => {
  const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "11111111-1111-4111-8111-111111111111" };
  const set: DesiredAssignmentSet = {
    address: `${AUP}#assignments`,
    of: AUP,
    action: "/assignments",
    bodyKey: "assignments",
    targets: [{ kind: "group", group: "groups.everyone" }],
    dependsOn: [],
  };
  const obj = { collection: "/deviceManagement/termsAndConditions", apiVersion: "beta" as const };
  const ids = new Map([["groups.everyone", target.groupId]]);
  const client = (url: string): GraphClient =>
    new GraphClient({ endpoint: url, retry: { timeScale: 0.001 }, deadlines: { attemptMs: 1_000 } });

  /** A profile's assignments collection: each POST may commit or not, and is answered 503 (a lost reply) or 201. */
  async function profile(answer: (post: number) => { commit: boolean; status: 201 | 503 }) {
    const held: JsonObject[] = [];
    let posts = 0;
    const server = await loopback((req, res, body) => {
      if (req.method === "POST") {
        const { commit, status } = answer(++posts);
        const made: JsonObject = { ...(JSON.parse(body) as JsonObject), id: randomUUID() };
        if (commit) held.push(made);
        if (status === 503) json(res, 503, { error: { code: "ServiceUnavailable", message: "later" } });
        else json(res, 201, made);
        return;
      }
      json(res, 200, { value: held });
    });
    return { ...server, held };
  }

  it("that Graph committed is found by its target and not sent again", async () => {
    const server = await profile(() => ({ commit: true, status: 503 }));
    try {
      await assignObject(writeContext(client(server.url), ids), set, obj, "p1");
      expect(server.held.map((h) => h["target"])).toEqual([target]);
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("that Graph did not commit is sent again once its target is seen missing", async () => {
    const server = await profile((post) => (post === 1 ? { commit: false, status: 503 } : { commit: true, status: 201 }));
    try {
      await assignObject(writeContext(client(server.url), ids), set, obj, "p1");
      expect(server.held.map((h) => h["target"])).toEqual([target]);
      expect(server.requests.map((r) => r.split("?")[0])).toEqual([
        "GET /beta/deviceManagement/termsAndConditions/p1/assignments",
        "POST /beta/deviceManagement/termsAndConditions/p1/assignments",
        "GET /beta/deviceManagement/termsAndConditions/p1/assignments",
        "POST /beta/deviceManagement/termsAndConditions/p1/assignments",
      ]);
    } finally {
      await server.close();
    }
  });
});
