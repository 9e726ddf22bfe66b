// Graph's error bodies (GRAPH-NOTES §10.3): directory style for /groups, Intune style (a JSON string wrapped in
// `message`) for /deviceManagement and /deviceAppManagement; `innerError` always carries date and request-id.
import type { JsonRecord } from "./graph-types.ts";

export class GraphFault extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function errorBody(
  fault: GraphFault,
  service: "directory" | "intune",
  requestId: string,
  clientRequestId: string | undefined,
  now: Date,
): JsonRecord {
  const inner: JsonRecord = {
    date: now.toISOString().slice(0, 19),
    "request-id": requestId,
    ...(clientRequestId ? { "client-request-id": clientRequestId } : {}),
  };
  const intuneWrapped = service === "intune" && fault.status !== 429 && fault.code !== "No method match route template";
  const message = intuneWrapped
    ? JSON.stringify(
        {
          _version: 3,
          Message: `${fault.message} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${requestId} - Url: https://fef.emulator.manage.microsoft.com/`,
          CustomApiErrorPhrase: "",
          RetryAfter: null,
          ErrorSourceService: "",
          HttpHeaders: "{}",
        },
        null,
        2,
      )
    : fault.message;
  return {
    error: {
      code: fault.code,
      message,
      innerError: fault.status === 429 ? { code: "429", message: "Please retry after", status: "429", ...inner } : inner,
    },
  };
}

export const badRequest = (message: string, service: "directory" | "intune"): GraphFault =>
  new GraphFault(400, service === "directory" ? "Request_BadRequest" : "BadRequest", message);
export const notFound = (what: string, service: "directory" | "intune"): GraphFault =>
  new GraphFault(
    404,
    service === "directory" ? "Request_ResourceNotFound" : "ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const noRoute = (path: string, method: string): GraphFault =>
  new GraphFault(
    400,
    "No method match route template",
    `No OData route exists that match template for http verb ${method} for request ${path}.`,
  );
