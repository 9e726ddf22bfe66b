// Stack exports in the shape Pulumi v3.259 writes after a killed `pulumi up` (test/fixtures/recover/killed-up.export.json
// is a trimmed real one): resources with ids and timestamps, pending creates with inputs and no id, outputs or time.
const STACK = "urn:pulumi:s::intune-plan::pulumi:pulumi:Stack::intune-plan-s";
const PROVIDER = "urn:pulumi:s::intune-plan::pulumi:providers:pulumi-nodejs::tenant";
const PROVIDER_ID = "2f4ecb5a-dd7f-4410-a524-8721463afd85";
/** A secret in an export: Pulumi's envelope around ciphertext. */
export const SECRET_ENVELOPE = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:ciphertext-only" };

type Json = Record<string, unknown>;

export interface ObjectSpec {
  readonly address: string;
  readonly displayName: string;
  readonly kind?: string;
  readonly collection?: string;
  readonly apiVersion?: "beta" | "v1.0";
  readonly odataType?: string | null;
  readonly adopt?: true;
  readonly secret?: true;
}

const TYPE_OF: Readonly<Record<string, string>> = { group: "Group", compliancePolicy: "CompliancePolicy", scopeTag: "ScopeTag" };

export function objectInputs(o: ObjectSpec): Json {
  const kind = o.kind ?? "group";
  return {
    __provider: "exports.handler = __f0; /* serialized dynamic provider */",
    ids: {},
    object: {
      actions: [],
      address: o.address,
      apiVersion: o.apiVersion ?? "v1.0",
      body: { displayName: o.displayName },
      collection: o.collection ?? "/groups",
      dependsOn: [],
      displayName: o.displayName,
      kind,
      odataType: o.odataType ?? null,
      ...(o.adopt ? { adopt: true } : {}),
    },
    resource: "object",
    secretValues: o.secret ? { WIFI_PSK: SECRET_ENVELOPE } : {},
  };
}

const typeOf = (kind: string | undefined): string => `pulumi-nodejs:dynamic/intune:${TYPE_OF[kind ?? "group"] ?? "Group"}`;
export const objectUrn = (o: ObjectSpec): string => `urn:pulumi:s::intune-plan::${typeOf(o.kind)}::${o.address}`;
export const assignmentsUrn = (of: string): string =>
  `urn:pulumi:s::intune-plan::pulumi-nodejs:dynamic/intune:Assignments::${of}#assignments`;

const common = { custom: true, parent: STACK, provider: `${PROVIDER}::${PROVIDER_ID}` };

/** A resource the stack holds: an object with its Graph id. */
export function heldObject(o: ObjectSpec, id: string, created = "2026-12-03T09:03:56.690783917Z"): Json {
  const inputs = objectInputs(o);
  return {
    urn: objectUrn(o),
    ...common,
    id,
    type: typeOf(o.kind),
    inputs,
    outputs: { ...inputs, graphId: id },
    created,
    modified: created,
  };
}

export function pendingObject(o: ObjectSpec, operation = "creating"): Json {
  return {
    resource: {
      urn: objectUrn(o),
      ...common,
      type: typeOf(o.kind),
      inputs: objectInputs(o),
      propertyDependencies: { __provider: [], ids: [], object: [], resource: [], secretValues: [] },
    },
    type: operation,
  };
}

/** A pending create of `of`'s assignment set, written against object id `objectId`. */
export function pendingAssignments(of: string, objectId: string | undefined): Json {
  const inputs = {
    __provider: "exports.handler = __f0;",
    apiVersion: "v1.0",
    collection: "/deviceManagement/deviceCompliancePolicies",
    ids: objectId === undefined ? {} : { [of]: objectId },
    resource: "assignments",
    set: { action: "/assign", address: `${of}#assignments`, bodyKey: "assignments", dependsOn: [], of, targets: [] },
  };
  return {
    resource: { urn: assignmentsUrn(of), ...common, type: "pulumi-nodejs:dynamic/intune:Assignments", inputs, dependencies: [] },
    type: "creating",
  };
}

export interface ExportSpec {
  readonly stackCreated?: string | null;
  readonly resources?: readonly Json[];
  readonly pending?: readonly Json[];
}

export function exportOf(spec: ExportSpec): Json {
  const stack = {
    urn: STACK,
    custom: false,
    type: "pulumi:pulumi:Stack",
    ...(spec.stackCreated === null ? {} : { created: spec.stackCreated ?? "2026-12-03T09:03:25.826835803Z" }),
  };
  const provider = {
    urn: PROVIDER,
    custom: true,
    id: PROVIDER_ID,
    type: "pulumi:providers:pulumi-nodejs",
    inputs: { "intune-plan:graphEndpoint": "http://127.0.0.1:8443" },
    outputs: {},
    parent: STACK,
  };
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-12-03T09:03:56.691044966Z", magic: "ab35", version: "v3.259.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:placeholder" } },
      resources: [stack, provider, ...(spec.resources ?? [])],
      pending_operations: [...(spec.pending ?? [])],
      metadata: {},
    },
  };
}

export const exportText = (spec: ExportSpec): string => JSON.stringify(exportOf(spec));
