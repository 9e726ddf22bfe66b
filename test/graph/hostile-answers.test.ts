// Every answer checked (issue 10 item 3), against loopback servers that answer what Graph never should: endless or
// repeated next links, links and redirects to another host, HTML, empty or array bodies on a 200, a create answered
// without an id, an answer past the size cap. Each is a typed error naming the request, never data.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject } from "../../src/compile/desired-state.ts";
import { createObject } from "../../src/graph/apply-object.ts";
import { GraphClient } from "../../src/graph/client.ts";
import type { GraphClientOptions } from "../../src/graph/client.ts";
import { CreateUnconfirmedError, LostResponseError, UnexpectedResponseError } from "../../src/graph/errors.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { writeContext } from "../helpers/emulator.ts";
import type { Loopback } from "./loopback.ts";
import { json, loopback } from "./loopback.ts";

const REQUEST_ID = "0c0ffee0-0000-4000-8000-000000000001";
const TAGS = "/deviceManagement/roleScopeTags";

async function withServer(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  run: (server: Loopback, client: GraphClient) => Promise<void>,
  options: Partial<GraphClientOptions> = {},
): Promise<void> {
  const server = await loopback(handle);
  try {
    await run(server, new GraphClient({ endpoint: server.url, retry: { timeScale: 0.001 }, deadlines: { attemptMs: 2_000 }, ...options }));
  } finally {
    await server.close();
  }
}

const failure = async (p: Promise<unknown>): Promise<UnexpectedResponseError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  return error as UnexpectedResponseError;
};

/** The loopback's own origin, as a next link on the tenant's host carries it. */
const origin = (req: IncomingMessage): string => `http://${req.headers.host ?? ""}`;
const html = (res: ServerResponse): void => {
  res
    .writeHead(200, { "content-type": "text/html", "request-id": REQUEST_ID })
    .end("<!DOCTYPE html><html><body>Sign in to continue</body></html>");
};

describe("next links", () => {
  it("an endless @odata.nextLink (always a new one) stops at the page cap", async () => {
    let n = 0;
    await withServer(
      (req, res) => {
        n++;
        json(res, 200, { value: [{ id: String(n) }], "@odata.nextLink": `${origin(req)}/beta${TAGS}?$skiptoken=${n}` });
      },
      async (server, client) => {
        const e = await failure(client.list(TAGS));
        expect([e.code, e.status, e.requestId]).toEqual(["TooManyPages", 200, REQUEST_ID]);
        expect(e.message).toContain("the collection has more than 50 pages; stopped");
        expect(server.requests).toHaveLength(50);
      },
      { limits: { maxPages: 50 } },
    );
  });

  it("a @odata.nextLink that repeats one already followed is refused at once", async () => {
    // Pages 1 → 2 → 3 → 2 → …: a loop that would never end.
    await withServer(
      (req, res) => {
        const page = Number(/skiptoken=(\d+)/.exec(req.url ?? "")?.[1] ?? "1");
        json(res, 200, {
          value: [{ id: String(page) }],
          "@odata.nextLink": `${origin(req)}/beta${TAGS}?$skiptoken=${page === 3 ? 2 : page + 1}`,
        });
      },
      async (server, client) => {
        const e = await failure(client.list(TAGS));
        expect(e.code).toBe("BadNextLink");
        expect(e.message).toContain("repeats one already followed");
        expect(server.requests).toHaveLength(3);
      },
    );
  });

  it("a @odata.nextLink to another host is never followed", async () => {
    await withServer(
      (_req, res) => {
        json(res, 200, { value: [], "@odata.nextLink": "https://graph.attacker.example/beta/deviceManagement/roleScopeTags?$skiptoken=1" });
      },
      async (server, client) => {
        const e = await failure(client.list(TAGS));
        expect(e.code).toBe("BadNextLink");
        expect(e.message).toContain(
          "GET /beta/deviceManagement/roleScopeTags: 200 BadNextLink: the page's @odata.nextLink points to another host (https://graph.attacker.example)",
        );
        expect(e.requestId).toBe(REQUEST_ID);
        expect(server.requests).toHaveLength(1);
      },
    );
  });
});

describe("redirects", () => {
  it("a redirect to another host is refused, and nothing is sent there", async () => {
    const elsewhere = await loopback((_req, res) => {
      json(res, 200, { value: [{ id: "planted" }] });
    });
    try {
      // Another port is another origin, as another host is.
      await withServer(
        (_req, res) => {
          res.writeHead(302, { location: `${elsewhere.url}/beta${TAGS}`, "request-id": REQUEST_ID }).end();
        },
        async (_server, client) => {
          const e = await failure(client.list(TAGS));
          expect(e.code).toBe("RedirectRefused");
          expect(e.message).toContain(
            `GET /beta/deviceManagement/roleScopeTags: 302 RedirectRefused: redirected to another host (${elsewhere.url}); not followed`,
          );
          expect(e.requestId).toBe(REQUEST_ID);
        },
      );
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it("a GET follows a redirect on the tenant's own host; a write never follows one", async () => {
    await withServer(
      (req, res) => {
        if (req.url?.startsWith("/moved")) {
          json(res, 200, { value: [{ id: "a" }] });
          return;
        }
        res.writeHead(307, { location: "/moved" }).end();
      },
      async (server, client) => {
        expect(await client.list(TAGS)).toEqual([{ id: "a" }]);
        const e = await failure(client.patch(`${TAGS}/a`, { displayName: "x" }));
        expect(e.code).toBe("RedirectRefused");
        expect(server.requests.filter((r) => r.startsWith("PATCH"))).toHaveLength(1);
      },
    );
  });
});

describe("bodies on a 200", () => {
  it("an HTML page where a collection was expected is a typed error with the request id, not an empty tenant", async () => {
    await withServer(
      (_req, res) => {
        html(res);
      },
      async (_server, client) => {
        const e = await failure(client.list(TAGS));
        expect([e.code, e.status, e.requestId]).toEqual(["UnexpectedResponse", 200, REQUEST_ID]);
        expect(e.message).toContain(
          "GET /beta/deviceManagement/roleScopeTags: 200 UnexpectedResponse: Graph answered 200 with a text/html body (",
        );
        expect(e.message).toContain("HTML) where a collection page was expected");
        expect(e.hint).toContain("captive portal");
        expect(e.describe()).toContain(`(request-id ${REQUEST_ID})`);
      },
    );
  });

  it("a whole tenant read through a captive portal fails instead of reading as empty", async () => {
    await withServer(
      (_req, res) => {
        html(res);
      },
      async (_server, client) => {
        await failure(readTenant(client, { label: "loopback", kinds: ["scopeTag"] }));
      },
    );
  });

  for (const [what, body, message] of [
    ["an empty body", "", "an empty body where a collection page was expected"],
    ["a JSON array", "[]", "a JSON array where a collection page was expected"],
    ["an object without value", "{}", 'an object without a "value" array where a collection page was expected'],
    ["JSON that is not JSON", '{"value": [', "a body that is not JSON"],
  ] as const) {
    it(`${what} where a collection was expected is a typed error`, async () => {
      await withServer(
        (_req, res) => {
          res.writeHead(200, { "content-type": "application/json", "request-id": REQUEST_ID }).end(body);
        },
        async (_server, client) => {
          const e = await failure(client.list(TAGS));
          expect(e.message).toContain(message);
        },
      );
    });
  }

  it("an array where an object was expected is a typed error", async () => {
    await withServer(
      (_req, res) => {
        json(res, 200, [{ id: "a" }]);
      },
      async (_server, client) => {
        const e = await failure(client.get(`${TAGS}/a`));
        expect(e.message).toContain(
          "GET /beta/deviceManagement/roleScopeTags/a: 200 UnexpectedResponse: Graph answered 200 with a JSON array where a JSON object was expected",
        );
      },
    );
  });

  it("a $batch answer missing an item, or with an item's body not an object, is a typed error", async () => {
    await withServer(
      (_req, res) => {
        json(res, 200, { responses: [{ id: "0", status: 200, body: { value: [] } }] });
      },
      async (_server, client) => {
        const e = await failure(client.batchGet(["/a/assignments", "/b/assignments"]));
        expect(e.message).toContain("the $batch answer has no response for GET /b/assignments");
      },
    );
    await withServer(
      (_req, res) => {
        json(res, 200, { responses: [{ id: "0", status: 200, body: [] }] });
      },
      async (_server, client) => {
        const e = await failure(client.batchGet(["/a/assignments"]));
        expect(e.message).toContain("GET /beta/a/assignments: 200 UnexpectedResponse: Graph answered 200 inside $batch with a JSON array");
      },
    );
  });

  it("a POST item in $batch (a report action) goes with its JSON body; its stream answer, base64 or not, is read as JSON", async () => {
    const table = { Schema: [{ Column: "PolicyId", PropertyType: "String" }], Values: [["p1"]] };
    let sent: unknown;
    await withServer(
      (_req, res, body) => {
        sent = JSON.parse(body);
        json(res, 200, {
          responses: [
            { id: "0", status: 200, body: Buffer.from(JSON.stringify(table)).toString("base64") },
            { id: "1", status: 200, body: JSON.stringify(table) },
          ],
        });
      },
      async (_server, client) => {
        const answers = await client.batchRead([
          { url: "/deviceManagement/reports/r", post: { filter: "(PolicyId eq 'p1')" } },
          { url: "/deviceManagement/reports/r", post: {} },
        ]);
        expect(answers).toEqual([table, table]);
      },
    );
    expect(sent).toEqual({
      requests: [
        {
          id: "0",
          method: "POST",
          url: "/deviceManagement/reports/r",
          headers: { "Content-Type": "application/json" },
          body: { filter: "(PolicyId eq 'p1')" },
        },
        { id: "1", method: "POST", url: "/deviceManagement/reports/r", headers: { "Content-Type": "application/json" }, body: {} },
      ],
    });
    await withServer(
      (_req, res) => {
        json(res, 200, { responses: [{ id: "0", status: 200, body: "not json" }] });
      },
      async (_server, client) => {
        const e = await failure(client.batchRead([{ url: "/deviceManagement/reports/r", post: {} }]));
        expect(e.message).toContain(
          "POST /beta/deviceManagement/reports/r: 200 UnexpectedResponse: Graph answered 200 inside $batch with no body",
        );
      },
    );
  });

  it("an answer past the size cap is refused, whether announced or streamed", async () => {
    const big = JSON.stringify({ value: [{ id: "x".repeat(4096) }] });
    await withServer(
      (_req, res) => {
        json(res, 200, JSON.parse(big));
      },
      async (_server, client) => {
        const e = await failure(client.list(TAGS));
        expect(e.code).toBe("ResponseTooLarge");
        expect(e.message).toContain("the answer is larger than 1024 bytes");
      },
      { limits: { maxResponseBytes: 1024 } },
    );
    // No Content-Length: chunks that never stop would be read forever without the cap.
    await withServer(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = "x".repeat(1024);
        let sent = 0;
        const write = (): void => {
          if (sent++ < 1_000 && res.write(chunk)) setImmediate(write);
        };
        res.write('{"value":["');
        write();
      },
      async (_server, client) => {
        const e = await failure(client.list(TAGS));
        expect(e.code).toBe("ResponseTooLarge");
      },
      { limits: { maxResponseBytes: 16 * 1024 } },
    );
  });
});

describe("a create answered without an id", () => {
  const category = (): DesiredObject => {
    const p = checkFixture("plan").plan;
    const o = p ? compile(p, "limited-pilot").objects.find((x) => x.kind === "deviceCategory") : undefined;
    if (!o) throw new Error("plan/ has no device category");
    return o;
  };

  it('the client refuses it as a lost response (the create may have happened), never the id "undefined"', async () => {
    await withServer(
      (_req, res) => {
        json(res, 201, { displayName: "x" });
      },
      async (server, client) => {
        const error = await client.create("/deviceManagement/deviceCategories", { displayName: "x" }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LostResponseError);
        const e = error as LostResponseError;
        expect([e.status, e.requestId]).toEqual([201, REQUEST_ID]);
        expect(e.message).toContain(
          'POST /beta/deviceManagement/deviceCategories: 201 LostResponse: Graph answered 201 with an object without an "id" where the created object was expected; the create may have happened',
        );
        expect(server.requests).toHaveLength(1);
      },
    );
  });

  it('createObject looks for it and is never sent again; not found, it is a CreateUnconfirmedError, not an object with id "undefined"', async () => {
    await withServer(
      (req, res) => {
        if (req.method === "POST") json(res, 201, {});
        else json(res, 200, { value: [] });
      },
      async (server, client) => {
        const error = await createObject(writeContext(client, new Map()), category()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CreateUnconfirmedError);
        expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
      },
    );
  });
});
