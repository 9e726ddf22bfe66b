// The client keeps the tenant's throttling limits itself (GRAPH-NOTES §10.4): sliding windows per service, writes
// and all requests, every attempt taking its turn.
import type { Clock } from "@sinonjs/fake-timers";
import FakeTimers from "@sinonjs/fake-timers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GraphClient } from "../../src/graph/client.ts";
import { RequestBudget, serviceOf } from "../../src/graph/request-budget.ts";

let clock: Clock;
beforeEach(() => {
  clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout", "Date"], now: 0 });
});
afterEach(() => clock.uninstall());

/** The fake-clock times at which each of `n` requests was let through. */
async function grants(budget: RequestBudget, requests: readonly { method: string; path: string }[]): Promise<number[]> {
  const times: number[] = [];
  const all = Promise.all(
    requests.map((r, i) =>
      budget.take(r.method, r.path).then(() => {
        times[i] = Date.now();
      }),
    ),
  );
  let done = false;
  void all.then(() => {
    done = true;
  });
  while (!done) await clock.nextAsync();
  return times;
}

const most = (times: readonly number[], windowMs: number): number =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

describe("the request budget", () => {
  it("lets no more than 100 Intune writes through in any 20 s, the first 20 s included", async () => {
    const times = await grants(
      new RequestBudget(),
      Array.from({ length: 250 }, () => ({ method: "POST", path: "/deviceManagement/deviceConfigurations" })),
    );
    expect(most(times, 20_000)).toBe(100);
    expect(Math.max(...times)).toBe(40_000);
  });

  it("keeps 1,000 requests of any kind per 20 s, and lets reads pass while writes wait for their window", async () => {
    const writes = Array.from({ length: 150 }, () => ({ method: "PATCH", path: "/deviceManagement/deviceCompliancePolicies/1" }));
    const reads = Array.from({ length: 1_000 }, () => ({ method: "GET", path: "/deviceManagement/deviceCompliancePolicies" }));
    const times = await grants(new RequestBudget(), [...writes, ...reads]);
    expect(most(times, 20_000)).toBe(1_000);
    // The 100 writes the window allows and 900 reads at once; the other 50 writes as soon as the window moves.
    expect(times.slice(150).filter((t) => t === 0)).toHaveLength(900);
    expect(times.slice(100, 150).every((t) => t === 20_000)).toBe(true);
  });

  it("counts groups against Entra's limits, apart from Intune's", async () => {
    expect([
      serviceOf("/groups"),
      serviceOf("/v1.0/groups/1"),
      serviceOf("/groups?$filter=x"),
      serviceOf("/deviceManagement/roleScopeTags"),
      serviceOf("/groupsX"),
      serviceOf("/beta/deviceManagement/deviceHealthScripts/1/assign"),
      serviceOf("/deviceManagement/deviceManagementScripts"),
    ]).toEqual(["directory", "directory", "directory", "intune", "intune", "intuneDevices", "intuneDevices"]);
    const times = await grants(
      new RequestBudget(),
      Array.from({ length: 300 }, () => ({ method: "POST", path: "/groups" })),
    );
    expect(Math.max(...times)).toBe(0);
  });

  it("every attempt takes its turn: a throttled request's retry and each GET inside a $batch", async () => {
    class Counting extends RequestBudget {
      readonly taken: string[] = [];
      override take(method: string, path: string): Promise<void> {
        this.taken.push(`${method} ${path}`);
        return super.take(method, path);
      }
    }
    const budget = new Counting();
    let calls = 0;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
    const client = new GraphClient({
      endpoint: "http://127.0.0.1:1",
      budget,
      random: () => 0.5,
      fetch: (input) => {
        calls++;
        const url = String(input instanceof Request ? input.url : input);
        if (url.endsWith("$batch"))
          return Promise.resolve(
            json(200, {
              responses: [
                { id: "0", status: 200, body: { id: "a" } },
                { id: "1", status: 200, body: { id: "b" } },
              ],
            }),
          );
        return Promise.resolve(
          calls === 1
            ? json(429, { error: { code: "TooManyRequests", message: "later" } }, { "retry-after": "1" })
            : json(200, { id: "x" }),
        );
      },
    });
    const done = Promise.all([
      client.get("/deviceManagement/deviceCategories/x"),
      client.batchGet(["/deviceManagement/deviceCategories/a", "deviceManagement/deviceCategories/b"]),
    ]);
    let settled = false;
    void done.then(() => {
      settled = true;
    });
    while (!settled) await clock.nextAsync();
    expect(budget.taken).toEqual([
      "GET /beta/deviceManagement/deviceCategories/x",
      "GET /deviceManagement/deviceCategories/a",
      "GET /deviceManagement/deviceCategories/b",
      "GET /beta/deviceManagement/deviceCategories/x",
    ]);
  });
});
