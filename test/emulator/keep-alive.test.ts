// The emulator keeps a client's connection open between requests, as Graph does. Node's fetch (undici) drops a
// connection whose server announces a keep-alive of a second or less (it keeps a one-second margin), so an emulator
// saying `Keep-Alive: timeout=1` made every request of a preview, an apply or a test open a new TCP connection:
// thousands of them for the bench's 10k-object apply. Counted by undici's own connection events.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_HEADERS } from "../../src/graph/connect.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";

describe("emulator connections", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ data: seedTenant("legacy-contoso") });
  });
  afterAll(() => emu.close());

  it("serves a client's consecutive requests on one connection", async () => {
    let connections = 0;
    const connected = (): void => {
      connections++;
    };
    subscribe("undici:client:connected", connected);
    try {
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${emu.url}/beta/deviceManagement/deviceCompliancePolicies`, { headers: EMULATOR_HEADERS });
        expect(response.status).toBe(200);
        await response.json();
        // A client's next request seldom follows at once (a Graph page is decoded, the next write is prepared).
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      unsubscribe("undici:client:connected", connected);
    }
    expect(connections).toBe(1);
  });
});
