// The emulator's HTTP face: a real server on 127.0.0.1 speaking Graph's wire format, with $batch, request ids,
// Graph's error bodies, fault injection and optional persistence. Imports nothing from the compiler, the
// validator or the Graph client (test/emulator/independence.test.ts checks the import graph).
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { errorBody, GraphFault, noRoute } from "./errors.ts";
import type { FaultSpec } from "./faults.ts";
import { NO_FAULTS, random, retryAfterHeader } from "./faults.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { clockRoute, simulatedClock } from "./rollout-routes.ts";
import type { EmulatorRequest, EmulatorResponse } from "./routes.ts";
import { route } from "./routes.ts";
import { JournalWriter } from "./state-journal.ts";
import type { TenantData } from "./store.ts";
import { saveTenant } from "./store.ts";
import { EmulatedTenant } from "./tenant.ts";

export interface EmulatorOptions {
  readonly data: TenantData;
  readonly port?: number;
  readonly faults?: FaultSpec;
  /**
   * Keeps the tenant in this file: a snapshot written at start and at close, and between them a journal of every
   * write (FILE.journal, state-journal.ts), fsynced before the reply; loadTenant(FILE) reads both.
   */
  readonly stateFile?: string;
  /**
   * How settings-catalog writes are checked (tenant.ts): against the emulator's catalog of definitions and templates
   * (the default, as Graph does), or not at all ("any", for generated load-test plans whose setting ids are made up,
   * and for real exports that use more of Microsoft's catalogue than the emulator holds).
   */
  readonly settingDefinitions?: "catalog" | "any";
  /** Journal bytes past which it is folded into a new snapshot even when the snapshot is larger (default 1 MiB). */
  readonly journalMinBytes?: number;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:43123 — Graph's version segments (/beta, /v1.0) go after it. */
  readonly url: string;
  readonly tenant: EmulatedTenant;
  /** Every request received, in order, for tests that count requests; `lost` marks a reply dropped on purpose. */
  readonly log: { method: string; path: string; status: number; lost: boolean }[];
  close(): Promise<void>;
}

const WRITE = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const MAX_BODY = 4 * 1024 * 1024;
/** Graph's answer to a request without a token (its gateway checks before any service sees the request). */
const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

/**
 * Refuses what Graph refuses before routing, and what only a browser tricked by another site would send. The
 * emulator accepts any non-empty bearer token (it has no directory to check one against), but demanding one means a
 * web page cannot write to it: a cross-site form post or a no-cors fetch cannot add an Authorization header. The
 * Host check stops DNS rebinding (a hostile name resolved to 127.0.0.1 reaches the port, but names itself in
 * Host); the content-type check refuses form encodings and text/plain, the bodies a page can post without asking.
 */
function gatekeep(req: IncomingMessage, port: number): GraphFault | undefined {
  const host = (req.headers.host ?? "").toLowerCase();
  const hosts = ["127.0.0.1", "localhost", "[::1]"].flatMap((h) => (port === 80 ? [h, `${h}:80`] : [`${h}:${port}`]));
  if (!hosts.includes(host))
    return new GraphFault(
      421,
      "MisdirectedRequest",
      `This is a local Graph emulator; it answers only requests addressed to ${hosts.join(", ")} (Host was '${req.headers.host ?? ""}').`,
    );
  const auth = /^Bearer[ \t]+(\S.*)$/i.exec(req.headers.authorization ?? "");
  if (!auth)
    return new GraphFault(
      401,
      "InvalidAuthenticationToken",
      req.headers.authorization ? "Access token validation failure. Invalid audience." : "Access token is empty.",
      { "www-authenticate": WWW_AUTHENTICATE },
    );
  const hasBody =
    (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0") ||
    req.headers["transfer-encoding"] !== undefined;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (hasBody && type !== "application/json")
    return new GraphFault(
      415,
      "UnsupportedMediaType",
      `The request body must be JSON (Content-Type: application/json); got '${req.headers["content-type"] ?? "none"}'.`,
    );
  return undefined;
}

function serviceOf(path: string): "directory" | "intune" {
  return path.startsWith("/groups") ? "directory" : "intune";
}

async function readBody(req: IncomingMessage): Promise<JsonValue | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new GraphFault(413, "RequestEntityTooLarge", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as JsonValue;
  } catch {
    throw new GraphFault(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const faults = options.faults ?? NO_FAULTS;
  const rnd = random(faults.seed);
  const tenant = new EmulatedTenant(options.data, faults.lag, simulatedClock(options.data));
  tenant.settingDefinitions = options.settingDefinitions ?? "catalog";
  const log: RunningEmulator["log"] = [];
  const stateFile = options.stateFile;
  const journal = stateFile ? new JournalWriter(stateFile) : undefined;
  let snapshotBytes = 0;
  /** A new snapshot holding everything, then no journal (a crash in between replays records it already holds). */
  const compact = (): void => {
    if (!stateFile || !journal) return;
    saveTenant(options.data, stateFile);
    journal.discard();
    snapshotBytes = statSync(stateFile).size;
  };
  // The journal grows until it is as large as the snapshot (at least journalMinBytes): the snapshot rewrite then
  // costs no more than the writes since the last one, so a write costs O(its own size) bytes amortised.
  const persist = (): void => {
    const writes = tenant.takeWrites();
    if (!journal || writes.length === 0) return;
    journal.append({ writes, nextInteger: options.data.nextInteger, idCounter: options.data.idCounter });
    if (journal.size >= Math.max(snapshotBytes, options.journalMinBytes ?? 1024 * 1024)) compact();
  };
  compact();
  let origin = "";
  let port = 0;

  /** One Graph call, faults included; `inBatch` answers 429s inside the batch instead of failing it. */
  function answer(req: EmulatorRequest, requestId: string, clientRequestId: string | undefined): EmulatorResponse {
    const path = new URL(req.url, "http://x").pathname;
    const service = serviceOf(path);
    try {
      if (faults.throttle > 0 && rnd() < faults.throttle) {
        const after = retryAfterHeader(faults, rnd);
        throw new GraphFault(429, "TooManyRequests", "Please retry again later.", after ? { "retry-after": after } : {});
      }
      if (faults.unavailable > 0 && rnd() < faults.unavailable)
        throw new GraphFault(503, "ServiceUnavailable", "The service is temporarily unavailable. Please retry.");
      if (faults.reject !== null && path.includes(faults.reject))
        throw new GraphFault(400, "BadRequest", `The request was refused (emulator fault reject=${faults.reject}).`);
      return route(tenant, req, origin);
    } catch (error) {
      if (!(error instanceof GraphFault)) throw error;
      return { status: error.status, body: errorBody(error, service, requestId, clientRequestId, new Date()), headers: error.headers };
    } finally {
      // Whatever the request changed is on disk before anyone hears back, refused requests included.
      persist();
    }
  }

  function batch(version: "beta" | "v1.0", body: JsonValue | undefined, requestId: string): EmulatorResponse {
    const requests = body && typeof body === "object" && !Array.isArray(body) ? body["requests"] : undefined;
    const fail = (message: string): EmulatorResponse => ({
      status: 400,
      body: errorBody(new GraphFault(400, "BadRequest", message), "intune", requestId, undefined, new Date()),
    });
    if (!Array.isArray(requests)) return fail("A $batch body needs 'requests'.");
    if (requests.length > 20) return fail("The number of batch requests exceeds the limit of 20.");
    const ids = requests.map((r) => String((r as JsonRecord)["id"] ?? ""));
    if (new Set(ids.map((i) => i.toLowerCase())).size !== ids.length || ids.includes(""))
      return fail("Every batch request needs a unique id.");
    const status = new Map<string, number>();
    const responses: JsonRecord[] = [];
    for (const raw of requests as JsonRecord[]) {
      const id = String(raw["id"]);
      const depends = Array.isArray(raw["dependsOn"]) ? raw["dependsOn"].map(String) : [];
      if (depends.some((d) => (status.get(d) ?? 0) >= 400 || !status.has(d))) {
        status.set(id, 424);
        responses.push({
          id,
          status: 424,
          headers: {},
          body: errorBody(
            new GraphFault(424, "FailedDependency", "A request this one depends on failed."),
            "intune",
            randomUUID(),
            undefined,
            new Date(),
          ),
        });
        continue;
      }
      const url = String(raw["url"] ?? "");
      const inner = answer(
        {
          method: String(raw["method"] ?? "GET").toUpperCase(),
          url: url.startsWith("/") ? url : `/${url}`,
          version,
          body: raw["body"],
          consistencyLevel: batchHeader(raw["headers"], "consistencylevel"),
        },
        randomUUID(),
        undefined,
      );
      status.set(id, inner.status);
      responses.push({
        id,
        status: inner.status,
        headers: { ...(inner.headers ?? {}), ...(typeof inner.body === "object" ? { "content-type": "application/json" } : {}) },
        ...(inner.body !== undefined ? { body: inner.body } : {}),
      });
    }
    return { status: 200, body: { responses: responses.reverse() } };
  }

  /** A header as one string (Node gives repeated headers as an array). */
  const headerText = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h);
  /** A header of a request inside $batch (its `headers` object; names are case-insensitive). */
  const batchHeader = (headers: JsonValue | undefined, name: string): string | undefined => {
    if (!headers || typeof headers !== "object" || Array.isArray(headers)) return undefined;
    const hit = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
    return typeof hit?.[1] === "string" ? hit[1] : undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const clientRequestId = typeof req.headers["client-request-id"] === "string" ? req.headers["client-request-id"] : undefined;
    const method = (req.method ?? "GET").toUpperCase();
    const raw = req.url ?? "/";
    const m = /^\/(beta|v1\.0)(\/.*)?$/.exec(raw.split("?")[0] ?? "");
    let response: EmulatorResponse;
    try {
      // Refused before the body is read or anything is routed: a refused request changes nothing.
      const refused = gatekeep(req, port);
      if (refused) throw refused;
      const body = await readBody(req);
      // The admin clock of a simulated rollout (not Graph; rollout-routes.ts), gatekept like every request.
      if (raw.split("?")[0] === "/_emulator/clock") {
        response = clockRoute(options.data, method, body);
        if (method === "POST" && options.stateFile) saveTenant(options.data, options.stateFile);
      } else if (!m) throw noRoute(raw, method);
      else {
        tenant.tick();
        const version = m[1] as "beta" | "v1.0";
        const rest = raw.slice(version.length + 1) || "/";
        response =
          rest.split("?")[0] === "/$batch" && method === "POST"
            ? batch(version, body, requestId)
            : answer(
                { method, url: rest, version, body, consistencyLevel: headerText(req.headers["consistencylevel"]) },
                requestId,
                clientRequestId,
              );
      }
    } catch (error) {
      const fault =
        error instanceof GraphFault
          ? error
          : new GraphFault(500, "InternalServerError", error instanceof Error ? error.message : String(error));
      // Gateway refusals (401, 421, 415) come in the directory shape: Graph answers them before any service does.
      const shape = fault.status === 401 || fault.status === 415 || fault.status === 421 ? "directory" : "intune";
      response = { status: fault.status, body: errorBody(fault, shape, requestId, clientRequestId, new Date()), headers: fault.headers };
    }
    // A lost response: the write happened, the client never hears back.
    const lost = WRITE.has(method) && response.status < 300 && faults.lost > 0 && rnd() < faults.lost;
    log.push({ method, path: raw, status: response.status, lost });
    // Unref'd: a delayed answer must not keep a closed emulator's process alive (its client's socket keeps it up until then).
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs).unref());
    if (lost) {
      res.socket?.destroy();
      return;
    }
    const text = response.body === undefined ? "" : typeof response.body === "string" ? response.body : JSON.stringify(response.body);
    res.writeHead(response.status, {
      "request-id": requestId,
      "client-request-id": clientRequestId ?? requestId,
      ...(response.body === undefined
        ? {}
        : {
            "content-type":
              typeof response.body === "string"
                ? "text/plain"
                : "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
          }),
      ...(response.headers ?? {}),
    });
    res.end(text);
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  // Clients keep their connection between requests, as they do with Graph: Node's fetch drops a connection whose
  // server announces a keep-alive of a second or less, so the former 1 s made every request a new TCP connection.
  // Closing still ends at once (close() closes idle and active connections).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    tenant,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          compact();
          journal?.close();
          resolve();
        });
      }),
  };
}
