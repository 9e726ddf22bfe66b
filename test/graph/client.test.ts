// The Graph client's failure behaviour against the emulator: typed errors with status, code, request id and a
// hint; bounded retries that honour every Retry-After form; a lost create is never resent by the client.
import { describe, expect, it } from "vitest";
import { parseFaults } from "../../src/emulator/faults.ts";
import { GraphClient, retryAfterSeconds } from "../../src/graph/client.ts";
import { EMULATOR_HEADERS } from "../../src/graph/connect.ts";
import { GraphRequestError, LostResponseError } from "../../src/graph/errors.ts";
import { emulator, fastClient } from "../helpers/emulator.ts";

const group = (displayName: string) => ({ displayName, mailEnabled: false, mailNickname: "n", securityEnabled: true });

describe("Graph client", () => {
  it("reads Retry-After as seconds, fractions and HTTP dates; absent or unreadable is undefined", () => {
    expect(retryAfterSeconds("2")).toBe(2);
    expect(retryAfterSeconds("2.128")).toBeCloseTo(2.128);
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds("soon")).toBeUndefined();
  });

  it("a refused body is a GraphRequestError with status, Graph code, request id and a hint", async () => {
    const emu = await emulator();
    try {
      const error = await fastClient(emu.url)
        .create("/deviceManagement/deviceCategories", { displayName: "x", colour: "red" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphRequestError);
      const e = error as GraphRequestError;
      expect([e.status, e.code]).toEqual([400, "BadRequest"]);
      expect(e.message).toContain("The property 'colour' does not exist on type 'microsoft.graph.deviceCategory'");
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(emu.log.at(-1)?.status).toBe(400);
      expect(e.describe()).toContain(`(request-id ${e.requestId ?? ""})\n  hint: Graph refused the request body`);
    } finally {
      await emu.close();
    }
  });

  it("retries a 503 a bounded number of times, then fails with the last request id", async () => {
    const emu = await emulator("empty", parseFaults("unavailable=1"));
    try {
      const client = new GraphClient({ endpoint: emu.url, headers: EMULATOR_HEADERS, retry: { maxAttempts: 4, timeScale: 0.01 } });
      const error = (await client.get("/deviceManagement/roleScopeTags").catch((e: unknown) => e)) as GraphRequestError;
      expect([error.status, error.code]).toEqual([503, "ServiceUnavailable"]);
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(emu.log).toHaveLength(4);
    } finally {
      await emu.close();
    }
  });

  it("retries throttling past the attempt count, until the call's deadline: an apply converges at the tenant's pace", async () => {
    const emu = await emulator("empty", parseFaults("throttle=1,retry-after=fractional"));
    try {
      const client = new GraphClient({
        endpoint: emu.url,
        headers: EMULATOR_HEADERS,
        retry: { maxAttempts: 4, timeScale: 0.01 },
        deadlines: { callMs: 1500 },
      });
      const started = Date.now();
      const error = (await client.get("/deviceManagement/roleScopeTags").catch((e: unknown) => e)) as GraphRequestError;
      // The deadline ends it: Graph's last 429, or the last attempt cut short by the deadline itself.
      expect(["TooManyRequests", "Timeout"]).toContain(error.code);
      expect(emu.log.length).toBeGreaterThan(4);
      expect(emu.log.every((l) => l.status === 429)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await emu.close();
    }
  });

  it("does not resend a create whose response was lost; resends an idempotent write", async () => {
    const emu = await emulator("empty", parseFaults("lost=1"));
    try {
      const client = fastClient(emu.url);
      await expect(client.create("/groups", group("once"), "v1.0")).rejects.toBeInstanceOf(LostResponseError);
      expect(emu.log.filter((l) => l.method === "POST")).toHaveLength(1);
      expect(Object.keys(emu.tenant.data.collections["/groups"] ?? {})).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it("an unreachable endpoint is a typed error with a hint, after bounded retries", async () => {
    const client = new GraphClient({ endpoint: "http://127.0.0.1:9", retry: { maxAttempts: 2, timeScale: 0.001 } });
    const error = (await client.get("/deviceManagement/roleScopeTags").catch((e: unknown) => e)) as GraphRequestError;
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error.status).toBe(0);
    expect(error.hint).toContain("check the endpoint");
  });
});
