// How a Graph request leaves the process. By default through undici's request API, not the global fetch: fetch
// wraps every exchange in WHATWG Request, Response and stream objects, and for an apply's tens of thousands of small
// requests that was most of the process's allocation. 20,000 GETs against the emulator: fetch 255 MB peak and 5.0 s
// of CPU, undici's request 110 MB and 1.7 s (issue 12). undici is the library Node's own fetch is built on.
//
// undici follows no redirect (FetchHandler decides which to follow), and unlike the global fetch it goes through the
// proxy the environment names. Tests on a fake clock send through an in-process Graph instead, as a fetch function
// (`fromFetch`).
import { STATUS_CODES } from "node:http";
import type { Dispatcher } from "undici";
import { Agent, EnvHttpProxyAgent, request } from "undici";
import { isLocalEndpoint } from "./endpoints.ts";

/** One request as the SDK's chain hands it over. */
export interface Outgoing {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
}

/**
 * One answer: its status line, its headers (the receiver's own to change), and a body to read or to discard (its
 * connection is freed either way).
 */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: AsyncIterable<Uint8Array>;
  discard(): Promise<void>;
}

export type Send = (url: string, outgoing: Outgoing) => Promise<Answer>;

/**
 * Sends through undici on a dispatcher of the client's own (its connections are kept for the next request). A
 * loopback endpoint (the emulator) is reached directly; any other through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY
 * names it, as @azure/identity's sign-in does.
 */
export function undiciTransport(endpoint: string): Send {
  const loopback = isLocalEndpoint(endpoint);
  let dispatcher: Dispatcher | undefined;
  return async (url, outgoing) => {
    dispatcher ??= loopback ? new Agent() : new EnvHttpProxyAgent();
    const answer = await request(url, {
      method: outgoing.method as Dispatcher.HttpMethod,
      headers: outgoing.headers,
      body: outgoing.body,
      signal: outgoing.signal,
      dispatcher,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (typeof value === "string") headers.append(name, value);
      else for (const each of value ?? []) headers.append(name, each);
    }
    return {
      status: answer.statusCode,
      statusText: STATUS_CODES[answer.statusCode] ?? "",
      headers,
      body: answer.body,
      discard: async () => {
        await answer.body.dump();
      },
    };
  };
}

/** Sends through a fetch function (a test's in-process Graph). */
export function fromFetch(send: typeof fetch): Send {
  return async (url, outgoing) => {
    const response = await send(url, { ...outgoing, redirect: "manual" });
    const body = response.body;
    return {
      status: response.status,
      statusText: response.statusText,
      // Its own copy: a fetch Response's headers cannot be changed, and the handler takes the content type out.
      headers: new Headers(response.headers),
      body: body ?? nothing(),
      discard: async () => {
        await body?.cancel();
      },
    };
  };
}

async function* nothing(): AsyncGenerator<Uint8Array> {}

/** The SDK's request headers (an object, a Headers or pairs, whichever a middleware left) as one object. */
export function headersOf(given: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  if (given === undefined) return {};
  if (given instanceof Headers || Array.isArray(given)) return Object.fromEntries(given);
  return given as Record<string, string>;
}
