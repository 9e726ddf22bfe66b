// The Graph client's deadlines against loopback servers that misbehave on purpose: a call that gets no answer fails
// within its timeout as a typed error, a timed-out create is reconciled by name and never blindly resent, and a
// Retry-After of a day fails at once instead of sleeping (PULUMI-CLI §5 gap 11: nothing above the client stops a hang).
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject } from "../../src/compile/desired-state.ts";
import { createObject } from "../../src/graph/apply-object.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { connectGraph, deadlinesFrom } from "../../src/graph/connect.ts";
import { GraphTimeoutError, LostResponseError, RetryAfterTooLongError } from "../../src/graph/errors.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { writeContext } from "../helpers/emulator.ts";
import { json, loopback } from "./loopback.ts";

const never = (): void => undefined;
const plan = () => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/");
  return p;
};

/** How long `run` took to settle, and what it rejected with. */
async function timed(run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = Date.now();
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - start, error };
}

describe("Graph client deadlines", () => {
  it("a server that never answers: each attempt times out, and the call fails as a Timeout naming the request", async () => {
    const server = await loopback(never);
    try {
      const client = new GraphClient({ endpoint: server.url, retry: { maxAttempts: 2, timeScale: 0.001 }, deadlines: { attemptMs: 200 } });
      const { ms, error } = await timed(() => client.get("/deviceManagement/roleScopeTags"));
      expect(error).toBeInstanceOf(GraphTimeoutError);
      const e = error as GraphTimeoutError;
      expect([e.status, e.code, e.method, e.path]).toEqual([0, "Timeout", "GET", "/beta/deviceManagement/roleScopeTags"]);
      expect(e.message).toContain("nothing arrived within 0.2 s (attempt 2 of at most 2");
      expect(e.hint).toContain("INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS");
      expect(server.requests).toHaveLength(2);
      expect(ms).toBeLessThan(2_000);
    } finally {
      await server.close();
    }
  });

  it("a body that stalls after the headers times out too", async () => {
    const server = await loopback((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"value":');
    });
    try {
      const client = new GraphClient({ endpoint: server.url, retry: { maxAttempts: 1 }, deadlines: { attemptMs: 200 } });
      await expect(client.get("/deviceManagement/roleScopeTags")).rejects.toBeInstanceOf(GraphTimeoutError);
    } finally {
      await server.close();
    }
  });

  it("the call's deadline bounds every retry together", async () => {
    const server = await loopback(never);
    try {
      const client = new GraphClient({
        endpoint: server.url,
        retry: { maxAttempts: 50, timeScale: 0.001 },
        deadlines: { attemptMs: 200, callMs: 500 },
      });
      const { ms, error } = await timed(() => client.patch("/deviceManagement/roleScopeTags/x", { displayName: "x" }));
      expect(error).toBeInstanceOf(GraphTimeoutError);
      expect(ms).toBeLessThan(1_500);
      expect(server.requests.length).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  });

  it("a create that times out is a lost response: sent once, never resent by the client", async () => {
    const server = await loopback(never);
    try {
      const client = new GraphClient({ endpoint: server.url, retry: { maxAttempts: 6, timeScale: 0.001 }, deadlines: { attemptMs: 200 } });
      const { error } = await timed(() => client.create("/deviceManagement/deviceCategories", { displayName: "x" }));
      expect(error).toBeInstanceOf(LostResponseError);
      expect((error as LostResponseError).message).toContain(
        "POST /beta/deviceManagement/deviceCategories: no response: nothing arrived within 0.2 s",
      );
      expect(server.requests).toEqual(["POST /beta/deviceManagement/deviceCategories"]);
    } finally {
      await server.close();
    }
  });

  it("createObject looks a timed-out create up by name and keeps what it finds, instead of sending it again", async () => {
    const category = compile(plan(), "limited-pilot").objects.find((o) => o.kind === "deviceCategory") as DesiredObject;
    let created = false;
    const server = await loopback((req, res) => {
      // The create happens but its answer never comes; lookups see it once it has.
      if (req.method === "POST") {
        created = true;
        return;
      }
      const value = created
        ? [
            {
              id: "11111111-2222-3333-4444-555555555555",
              displayName: category.displayName,
              ...(category.odataType ? { "@odata.type": category.odataType } : {}),
            },
          ]
        : [];
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value }));
    });
    try {
      const client = new GraphClient({ endpoint: server.url, retry: { timeScale: 0.001 }, deadlines: { attemptMs: 200 } });
      const result = await createObject(writeContext(client, new Map()), category);
      expect(result).toEqual({ id: "11111111-2222-3333-4444-555555555555", adopted: false });
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("Retry-After: 86400 fails at once as a typed error with Graph's request id, instead of sleeping a day", async () => {
    const server = await loopback((_req, res) => {
      res
        .writeHead(429, {
          "retry-after": "86400",
          "request-id": "9f1c0b9e-0000-4000-8000-000000000001",
          "content-type": "application/json",
        })
        .end(JSON.stringify({ error: { code: "TooManyRequests", message: "slow down" } }));
    });
    try {
      // Real time (timeScale 1): only the cap can make this quick.
      const client = new GraphClient({ endpoint: server.url });
      const { ms, error } = await timed(() => client.get("/deviceManagement/roleScopeTags"));
      expect(error).toBeInstanceOf(RetryAfterTooLongError);
      const e = error as RetryAfterTooLongError;
      expect([e.status, e.code, e.retryAfterSeconds, e.requestId]).toEqual([
        429,
        "RetryAfterTooLong",
        86400,
        "9f1c0b9e-0000-4000-8000-000000000001",
      ]);
      expect(e.message).toContain(
        "GET /beta/deviceManagement/roleScopeTags: 429 RetryAfterTooLong: Graph asked to retry after 86400 s, more than the 300 s",
      );
      expect(server.requests).toHaveLength(1);
      expect(ms).toBeLessThan(1_000);
    } finally {
      await server.close();
    }
  });

  it("throttling does not use up the attempts other failures get: 429 and 503 interleaved three times each, then success", async () => {
    // At 30 % throttling and 10 % 503s, six failures in a row of either kind came once or twice per apply and
    // stopped it (the soak's "everything, harder" mix): only failures that are not the tenant's pacing count.
    let n = 0;
    const server = await loopback((_req, res) => {
      n++;
      if (n > 6) json(res, 200, { value: [] });
      else if (n % 2 === 1) json(res, 429, { error: { code: "TooManyRequests", message: "slow down" } }, { "retry-after": "0.01" });
      else json(res, 503, { error: { code: "ServiceUnavailable", message: "later" } });
    });
    try {
      const client = new GraphClient({ endpoint: server.url, retry: { timeScale: 0.001 } });
      await expect(client.list("/deviceManagement/roleScopeTags")).resolves.toEqual([]);
      expect(server.requests).toHaveLength(7);
      // The attempts other failures get are still bounded: ten 503s in a row end the call with Graph's answer.
      n = -100;
      const always503 = await loopback((_req, res) => json(res, 503, { error: { code: "ServiceUnavailable", message: "later" } }));
      try {
        await expect(
          new GraphClient({ endpoint: always503.url, retry: { timeScale: 0.001 } }).get("/deviceManagement/roleScopeTags"),
        ).rejects.toMatchObject({ status: 503 });
        expect(always503.requests).toHaveLength(10);
      } finally {
        await always503.close();
      }
    } finally {
      await server.close();
    }
  });

  it("an idempotent write whose reply is lost eight times running is sent again until it is answered (soak: lag 12 + lost 0.4)", async () => {
    let n = 0;
    const server = await loopback((_req, res) => {
      n++;
      if (n <= 8) res.socket?.destroy();
      else res.writeHead(204).end();
    });
    try {
      await new GraphClient({ endpoint: server.url, retry: { timeScale: 0.001 } }).action("/deviceManagement/deviceCategories/1/assign", {
        assignments: [],
      });
      expect(server.requests).toHaveLength(9);
    } finally {
      await server.close();
    }
  });

  it("inside $batch too: an item throttled seven rounds running is retried until it is answered", async () => {
    let rounds = 0;
    const server = await loopback((_req, res, body) => {
      rounds++;
      const [request] = (JSON.parse(body) as { requests: { id: string }[] }).requests;
      const answer =
        rounds <= 7
          ? {
              id: request?.id,
              status: 429,
              headers: { "retry-after": "0.01" },
              body: { error: { code: "TooManyRequests", message: "slow down" } },
            }
          : { id: request?.id, status: 200, body: { id: "0", displayName: "Default" } };
      json(res, 200, { responses: [answer] });
    });
    try {
      const [item] = await new GraphClient({ endpoint: server.url, retry: { timeScale: 0.001 } }).batchGet([
        "/deviceManagement/roleScopeTags/0",
      ]);
      expect(item).toEqual({ id: "0", displayName: "Default" });
      expect(rounds).toBe(8);
    } finally {
      await server.close();
    }
  });

  it("the environment sets the attempt timeout and the Retry-After cap; anything else keeps the defaults", () => {
    expect(deadlinesFrom({ INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS: "90", INTUNE_PLAN_RETRY_AFTER_CAP_SECONDS: "30" })).toEqual({
      attemptMs: 90_000,
      maxRetryAfterMs: 30_000,
    });
    expect(deadlinesFrom({ INTUNE_PLAN_GRAPH_TIMEOUT_SECONDS: "soon" })).toEqual({});
  });

  it("the environment sets how long a create with an unknown outcome is looked for (a tenant replicating slowly)", () => {
    const client = connectGraph(
      { endpoint: "http://127.0.0.1:9" },
      { INTUNE_PLAN_GROUP_LOOKUP_SECONDS: "180", INTUNE_PLAN_LOOKUP_SECONDS: "40" },
    );
    expect(client.lookupSchedule("group").windowMs).toBe(180_000);
    expect(client.lookupSchedule("other").windowMs).toBe(40_000);
    const defaults = connectGraph({ endpoint: "http://127.0.0.1:9" }, { INTUNE_PLAN_GROUP_LOOKUP_SECONDS: "-1" });
    expect([defaults.lookupSchedule("group").windowMs, defaults.lookupSchedule("other").windowMs]).toEqual([60_000, 15_000]);
  });
});
