// A committed create is never sent twice (issue 10 item 2), against a loopback "tenant" that commits every POST
// it receives and then misbehaves: a server error after the commit, or a lost reply followed by replication lag.
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject, JsonObject } from "../../src/compile/desired-state.ts";
import { createObject, NameTakenError } from "../../src/graph/apply-object.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { CreateUnconfirmedError, LostResponseError } from "../../src/graph/errors.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { parseFaults } from "../../src/emulator/faults.ts";
import { emulator, fastClient, writeContext } from "../helpers/emulator.ts";
import type { Loopback } from "./loopback.ts";
import { json, loopback } from "./loopback.ts";

const objects = (): readonly DesiredObject[] => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/");
  return compile(p, "limited-pilot").objects;
};
const first = (kind: DesiredObject["kind"]): DesiredObject => {
  const o = objects().find((x) => x.kind === kind);
  if (!o) throw new Error(kind);
  return o;
};

interface Tenant extends Loopback {
  readonly stored: JsonObject[];
}

/**
 * One collection's worth of tenant: a POST is stored, then `afterCommit` may answer it (return true) or leave the
 * default 201; a list answers with every stored object `visible` says a look-up may see.
 */
async function tenant(
  afterCommit: (res: ServerResponse, posts: number) => boolean,
  visible: (lookups: number) => boolean = () => true,
  others: readonly JsonObject[] = [],
): Promise<Tenant> {
  const stored: JsonObject[] = [];
  let posts = 0;
  let lookups = 0;
  const server = await loopback((req, res, body) => {
    if (req.method === "POST") {
      const object: JsonObject = { ...(JSON.parse(body) as JsonObject), id: randomUUID() };
      stored.push(object);
      if (!afterCommit(res, ++posts)) json(res, 201, object);
      return;
    }
    // A look-up by name, or the wait until a new group is served by id.
    const byId = /\/groups\/([^/?]+)/.exec(req.url ?? "");
    if (byId) {
      json(res, 200, { id: byId[1] });
      return;
    }
    const seen = stored.length > 0 && visible(++lookups);
    json(res, 200, { value: [...(posts > 0 ? others : []), ...(seen ? stored : [])] });
  });
  return { ...server, stored };
}

const fast = (url: string): GraphClient => new GraphClient({ endpoint: url, retry: { timeScale: 0.001 }, deadlines: { attemptMs: 1_000 } });

describe("a create Graph committed is never sent twice", () => {
  it("the client turns a server error on a create into a LostResponseError with Graph's status and request id, sent once", async () => {
    const server = await tenant((res) => {
      json(res, 503, { error: { code: "ServiceUnavailable", message: "later" } });
      return true;
    });
    try {
      const error = await fast(server.url)
        .create("/deviceManagement/deviceCategories", { displayName: "x" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LostResponseError);
      const e = error as LostResponseError;
      expect([e.status, e.code, e.requestId]).toEqual([503, "LostResponse", "0c0ffee0-0000-4000-8000-000000000001"]);
      expect(e.message).toContain("POST /beta/deviceManagement/deviceCategories: 503 LostResponse: Graph answered 503");
      expect(server.requests).toEqual(["POST /beta/deviceManagement/deviceCategories"]);
    } finally {
      await server.close();
    }
  });

  for (const status of [500, 502, 503, 504]) {
    it(`committed, then answered ${status} once: the client does not resend it; the look-up finds the one object`, async () => {
      const category = first("deviceCategory");
      const server = await tenant((res, posts) => {
        if (posts > 1) return false;
        json(res, status, { error: { code: "GatewayTimeout", message: "upstream" } });
        return true;
      });
      try {
        const result = await createObject(writeContext(fast(server.url), new Map()), category);
        expect(server.stored).toHaveLength(1);
        expect(result).toEqual({ id: server.stored[0]?.["id"], adopted: false });
        expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
      } finally {
        await server.close();
      }
    });
  }

  it("a template's message committed, then answered 503: looked up by locale, not sent again; one message per locale", async () => {
    const template = first("notificationTemplate");
    const templates: JsonObject[] = [];
    const messages: JsonObject[] = [];
    let messagePosts = 0;
    const server = await loopback((req, res, body) => {
      const child = /notificationMessageTemplates\/([^/?]+)\/localizedNotificationMessages/.exec(req.url ?? "");
      if (req.method === "POST" && child) {
        const sent = JSON.parse(body) as JsonObject;
        const message = { ...sent, id: `${child[1] ?? ""}_${String(sent["locale"])}` };
        messages.push(message);
        if (++messagePosts === 1) json(res, 503, { error: { code: "ServiceUnavailable", message: "later" } });
        else json(res, 201, message);
        return;
      }
      if (req.method === "POST") {
        const made = { ...(JSON.parse(body) as JsonObject), id: randomUUID() };
        templates.push(made);
        json(res, 201, made);
        return;
      }
      json(res, 200, { value: child ? messages : templates });
    });
    try {
      await createObject(writeContext(fast(server.url), new Map()), template);
      const locales = messages.map((m) => m["locale"]);
      expect(locales.length).toBeGreaterThan(1);
      expect(new Set(locales).size).toBe(locales.length);
      expect(messagePosts).toBe(locales.length);
      expect(templates).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("committed, then answered 504 three times: still one object", async () => {
    const category = first("deviceCategory");
    const server = await tenant((res, posts) => {
      if (posts > 3) return false;
      json(res, 504, { error: { code: "GatewayTimeout", message: "upstream" } });
      return true;
    });
    try {
      await createObject(writeContext(fast(server.url), new Map()), category);
      expect(server.stored).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("a lost reply, then a group invisible for 12 look-ups (longer than the old 8-look-up window): found, not sent again", async () => {
    const group = first("group");
    const server = await tenant(
      (res) => {
        res.socket?.destroy();
        return true;
      },
      (lookups) => lookups > 12,
    );
    try {
      const result = await createObject(writeContext(fast(server.url), new Map()), group);
      expect(server.stored).toHaveLength(1);
      expect(result).toEqual({ id: server.stored[0]?.["id"], adopted: false });
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("a lost reply whose group never appears within the window: a typed error saying how to check, never a second send", async () => {
    const group = first("group");
    const server = await tenant(
      (res) => {
        res.socket?.destroy();
        return true;
      },
      () => false,
    );
    try {
      const error = await createObject(writeContext(fast(server.url), new Map()), group).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CreateUnconfirmedError);
      const e = error as CreateUnconfirmedError;
      expect(e.code).toBe("CreateUnconfirmed");
      expect(e.message).toContain(`${group.address}: the create of "${group.displayName}" may have happened`);
      expect(e.message).toMatch(/within 0\.06 s; it was not sent again/);
      expect(e.hint).toContain(
        `GET /v1.0/groups?$filter=displayName eq '${group.displayName}' (the plan's object has mailNickname "${String(group.body["mailNickname"])}")`,
      );
      // No id: Pulumi would record any id on a create error as a partial create.
      expect("id" in e).toBe(false);
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
      // Time-based, with backoff: 60 s (scaled) of waits is about 16 look-ups, not a fixed count.
      expect(server.requests.filter((r) => r.startsWith("GET")).length).toBeGreaterThanOrEqual(14);
    } finally {
      await server.close();
    }
  });

  it("a group with the same name but another mailNickname is someone else's: not taken as this create's", async () => {
    const group = first("group");
    const foreign: JsonObject = {
      id: "99999999-0000-4000-8000-000000000000",
      displayName: group.displayName,
      mailNickname: "someone-else",
    };
    // The foreign group appears as soon as this create was sent; this create's own never does.
    const server = await tenant(
      (res) => {
        res.socket?.destroy();
        return true;
      },
      () => false,
      [foreign],
    );
    try {
      const error = await createObject(writeContext(fast(server.url), new Map()), group).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CreateUnconfirmedError);
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("a 503 that did not commit: looked for during the window, then sent again once, one object", async () => {
    const category = first("deviceCategory");
    const server: Tenant = await tenant((res, posts) => {
      if (posts > 1) return false;
      server.stored.pop();
      json(res, 503, { error: { code: "ServiceUnavailable", message: "later" } });
      return true;
    });
    try {
      await createObject(writeContext(fast(server.url), new Map()), category);
      expect(server.stored).toHaveLength(1);
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("a 429 on a create is throttling, refused before any work: the client sends it again itself", async () => {
    const category = first("deviceCategory");
    const server: Tenant = await tenant((res, posts) => {
      if (posts > 1) return false;
      server.stored.pop();
      json(res, 429, { error: { code: "TooManyRequests", message: "slow down" } }, { "retry-after": "1" });
      return true;
    });
    try {
      await createObject(writeContext(fast(server.url), new Map()), category);
      expect(server.stored).toHaveLength(1);
      // No look-up between the two sends: only the look-up before the first and the rival check after the create.
      expect(server.requests.map((r) => r.split(" ")[0])).toEqual(["GET", "POST", "POST", "GET"]);
    } finally {
      await server.close();
    }
  });

  it("the look-up window is configurable: a shorter one gives up sooner, still without a second send", async () => {
    const group = first("group");
    const server = await tenant(
      (res) => {
        res.socket?.destroy();
        return true;
      },
      () => false,
    );
    try {
      const client = new GraphClient({
        endpoint: server.url,
        retry: { timeScale: 0.001, groupLookupWindowMs: 1_000 },
        deadlines: { attemptMs: 1_000 },
      });
      const error = await createObject(writeContext(client, new Map()), group).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CreateUnconfirmedError);
      // Waits of 250, 500 and 250 ms (scaled): four look-ups after the one before the create.
      expect(server.requests.filter((r) => r.startsWith("GET"))).toHaveLength(5);
      expect(server.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("against the emulator, every group's reply lost and lag=12: each plan group exists once", async () => {
    const groups = objects().filter((o) => o.kind === "group");
    const emu = await emulator("empty", parseFaults("lost=1,lag=12"));
    try {
      const client = fastClient(emu.url);
      for (const g of groups) await createObject(writeContext(client, new Map()), g);
      const names = Object.values(emu.tenant.data.collections["/groups"] ?? {}).map((e) => String(e.body["displayName"]));
      expect(names.sort()).toEqual(groups.map((g) => g.displayName).sort());
      expect(emu.log.filter((l) => l.method === "POST")).toHaveLength(groups.length);
    } finally {
      await emu.close();
    }
  });
});

describe("writers racing to create one name settle on one object", () => {
  const race = async (obj: DesiredObject, faults = ""): Promise<void> => {
    const emu = await emulator("empty", parseFaults(faults));
    try {
      // Ten pipelines, each with its own client, apply the same object at the same moment.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => createObject(writeContext(fastClient(emu.url), new Map()), obj)),
      );
      const stored = Object.values(emu.tenant.data.collections[obj.collection] ?? {}).filter(
        (e) => e.body["displayName"] === obj.displayName,
      );
      expect(stored).toHaveLength(1);
      const won = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.id] : []));
      expect(won).toEqual([stored[0]?.body["id"]]);
      // Every other writer was told the name is taken: none took it over or copied it. (The holder it names is the
      // object it saw; in a race that may be a copy whose own writer deleted it a moment later.)
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(NameTakenError);
      expect(emu.log.filter((l) => l.method === "POST").length).toBeGreaterThanOrEqual(1);
    } finally {
      await emu.close();
    }
  };

  it("ten concurrent creates of one device category: one object, one writer succeeds, nine are told the name is taken", () =>
    race(first("deviceCategory")));
  it("ten concurrent creates of one group under replication lag: one group", () => race(first("group"), "lag=3"));
  it("ten concurrent creates of one compliance policy with follow-up actions: one policy", () => race(first("compliancePolicy")));
  // Graph refuses a second scope tag of a name (400 "already exists"): a writer whose create lost that race looks
  // again and is told the name is taken, instead of failing with Graph's 400 as if its body were wrong.
  it("ten concurrent creates of one scope tag, which Graph refuses to duplicate: one tag, the others told the name is taken", () =>
    race(first("scopeTag")));
});
