// How the Graph client's requests leave (src/graph/transport.ts): through the proxy the environment names, as the
// sign-in does (Node's global fetch ignored HTTP_PROXY / HTTPS_PROXY, so a tenant behind a corporate proxy was
// unreachable), never through a proxy to the emulator on loopback, and on kept connections.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GraphClient } from "../../src/graph/client.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { json, loopback } from "./loopback.ts";

/** A name that never resolves (RFC 2606): reachable only through the proxy. */
const TENANT = "http://graph.intune-plan.test";
const PROXY_VARS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"] as const;

interface Proxy {
  readonly url: string;
  /** What reached the proxy: "CONNECT host:port" or "METHOD absolute-url". */
  readonly seen: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy on loopback that is also the only "Graph" behind it: a CONNECT tunnel and a request in absolute
 * form both end at `graph`.
 */
async function proxy(graph: (req: IncomingMessage, res: ServerResponse) => void): Promise<Proxy> {
  const seen: string[] = [];
  const upstream = createServer(graph);
  const server = createServer((req, res) => {
    seen.push(`${req.method ?? ""} ${req.url ?? ""}`);
    graph(req, res);
  });
  server.on("connect", (req: IncomingMessage, socket: Socket) => {
    seen.push(`CONNECT ${req.url ?? ""}`);
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    upstream.emit("connection", socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        upstream.closeAllConnections();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const tag = (req: IncomingMessage, res: ServerResponse): void => json(res, 200, { id: "0", displayName: "Default", path: req.url });

describe("the Graph client's transport", () => {
  // The environment's proxy settings are the test's own; the next test file gets them back (vitest shares the process).
  beforeEach(() => {
    for (const name of PROXY_VARS) vi.stubEnv(name, undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reaches a tenant through the proxy HTTP_PROXY names", async () => {
    const p = await proxy(tag);
    try {
      vi.stubEnv("HTTP_PROXY", p.url);
      const answer = await new GraphClient({ endpoint: TENANT, retry: { maxAttempts: 1 } }).get("/deviceManagement/roleScopeTags/0");
      expect(answer).toMatchObject({ displayName: "Default", path: expect.stringMatching(/\/beta\/deviceManagement\/roleScopeTags\/0$/) });
      expect(p.seen).toHaveLength(1);
      expect(p.seen[0]).toMatch(/^(CONNECT graph\.intune-plan\.test:80|GET http:\/\/graph\.intune-plan\.test\/beta\/)/);
    } finally {
      await p.close();
    }
  });

  it("goes direct to a host NO_PROXY names", async () => {
    const p = await proxy(tag);
    try {
      vi.stubEnv("HTTP_PROXY", p.url);
      vi.stubEnv("NO_PROXY", "graph.intune-plan.test");
      const client = new GraphClient({ endpoint: TENANT, retry: { maxAttempts: 1 } });
      const error = await client.get("/deviceManagement/roleScopeTags/0").catch((e: unknown) => e);
      // Direct, the name does not resolve: a network error, and nothing through the proxy.
      expect(error).toBeInstanceOf(GraphRequestError);
      expect((error as GraphRequestError).code).toBe("NetworkError");
      expect(p.seen).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("never sends the emulator's requests through a proxy", async () => {
    const p = await proxy(tag);
    const emulator = await loopback(tag);
    try {
      vi.stubEnv("HTTP_PROXY", p.url);
      const answer = await new GraphClient({ endpoint: emulator.url }).get("/deviceManagement/roleScopeTags/0");
      expect(answer).toMatchObject({ displayName: "Default" });
      expect(emulator.requests).toEqual(["GET /beta/deviceManagement/roleScopeTags/0"]);
      expect(p.seen).toEqual([]);
    } finally {
      await emulator.close();
      await p.close();
    }
  });

  it("keeps its connections for the next requests", async () => {
    const server = await loopback(tag);
    let connections = 0;
    const connected = (): void => {
      connections++;
    };
    subscribe("undici:client:connected", connected);
    try {
      const client = new GraphClient({ endpoint: server.url });
      for (let i = 0; i < 20; i++) await client.get(`/deviceManagement/roleScopeTags/${i}`);
      expect(server.requests).toHaveLength(20);
    } finally {
      unsubscribe("undici:client:connected", connected);
      await server.close();
    }
    // A request sent the moment the last answer ends may find its connection not yet free and open a second one.
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(2);
  });
});
