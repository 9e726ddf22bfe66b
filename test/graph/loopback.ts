// A node:http server on 127.0.0.1 that misbehaves on purpose, for tests of the Graph client against answers the
// emulator never gives: each test's handler decides what (and whether) to answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Loopback {
  readonly url: string;
  /** Every request received, as "METHOD /path?query", in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A server that logs each request and lets `handle` answer it, late or never. */
export async function loopback(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<Loopback> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      requests.push(`${req.method ?? ""} ${req.url ?? ""}`);
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    // The hanging connections are ours to cut: close() alone waits for them.
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON answer with Graph's headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { "content-type": "application/json", "request-id": "0c0ffee0-0000-4000-8000-000000000001", ...headers })
    .end(JSON.stringify(body));
}
