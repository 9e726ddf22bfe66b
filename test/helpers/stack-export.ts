// A synthetic `pulumi stack export` for a compiled state applied to the emulator, shaped like a real one (a v3.259.0
// export of plan/ applied to the emulator with the project's program): the stack resource, the explicit
// `pulumi:providers:pulumi-nodejs` provider, one `pulumi-nodejs:dynamic/intune:<Type>` resource per object (id = the
// Graph id, outputs = inputs + graphId, secret values as ciphertext envelopes) and one `…:Assignments` per set.
import type { DesiredState, Kind } from "../../src/compile/desired-state.ts";
import type { StackOwnership } from "../../src/compile/state-view.ts";

const SECRET = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "v1:c2VjcmV0LXNoYXBlZA==:bm90LWEtcmVhbC1zZWNyZXQ=",
};
const PROVIDER_CODE = "exports.handler = __f0;\n\nvar __provider = {};\n";
const typeName = (kind: Kind | "assignments"): string => `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

export interface ExportOptions {
  readonly stack?: string;
  /** Addresses whose last create failed after the object was made (the engine records init errors). */
  readonly partial?: readonly string[];
}

/** What the export says the stack owns, for tests that skip the JSON. */
export function ownershipOf(state: DesiredState, ids: ReadonlyMap<string, string>, stack = "test"): StackOwnership {
  return {
    stack,
    objects: state.objects.flatMap((o) => {
      const id = ids.get(o.address);
      return id ? [{ address: o.address, id, kind: o.kind, collection: o.collection, partial: false }] : [];
    }),
    assignmentSets: state.assignments.filter((s) => ids.has(s.of)).map((s) => s.of),
  };
}

export function stackExport(state: DesiredState, ids: ReadonlyMap<string, string>, options: ExportOptions = {}): object {
  const stack = options.stack ?? "emulator";
  const prefix = `urn:pulumi:${stack}::intune-plan::`;
  const stackUrn = `${prefix}pulumi:pulumi:Stack::intune-plan-${stack}`;
  const providerUrn = `${prefix}pulumi:providers:pulumi-nodejs::tenant`;
  const provider = `${providerUrn}::6001613b-8552-4845-9180-a42c0e8d4a6f`;
  const common = {
    custom: true,
    parent: stackUrn,
    provider,
    created: "2026-12-03T08:51:04.811883623Z",
    modified: "2026-12-03T08:51:04.811883623Z",
  };
  const objects = new Map(state.objects.map((o) => [o.address, o]));
  const resources: object[] = [
    {
      urn: stackUrn,
      custom: false,
      type: "pulumi:pulumi:Stack",
      outputs: { phase: state.phase, objects: state.objects.length + state.assignments.length, ids: Object.fromEntries(ids) },
    },
    {
      urn: providerUrn,
      custom: true,
      id: "6001613b-8552-4845-9180-a42c0e8d4a6f",
      type: "pulumi:providers:pulumi-nodejs",
      inputs: {},
      outputs: {},
      parent: stackUrn,
    },
  ];
  for (const o of state.objects) {
    const id = ids.get(o.address);
    if (!id) continue;
    const refs = Object.fromEntries(
      o.dependsOn.flatMap((a) => {
        const r = ids.get(a);
        return r ? [[a, r]] : [];
      }),
    );
    const secrets = /"secret":"([A-Z0-9_]+)"/.exec(JSON.stringify(o.body))?.[1];
    const inputs = {
      __provider: PROVIDER_CODE,
      resource: "object",
      object: o,
      ids: refs,
      secretValues: secrets ? { [secrets]: SECRET } : {},
    };
    resources.push({
      ...common,
      urn: `${prefix}pulumi-nodejs:dynamic/intune:${typeName(o.kind)}::${o.address}`,
      id,
      type: `pulumi-nodejs:dynamic/intune:${typeName(o.kind)}`,
      inputs,
      outputs: { ...inputs, graphId: id },
      ...(options.partial?.includes(o.address)
        ? { initErrors: [`${o.address}: created as ${id}, then POST …/assign: 503 ServiceUnavailable`] }
        : {}),
    });
  }
  for (const set of state.assignments) {
    const of = objects.get(set.of);
    const id = ids.get(set.of);
    if (!of || !id) continue;
    const inputs = {
      __provider: PROVIDER_CODE,
      resource: "assignments",
      set,
      collection: of.collection,
      apiVersion: of.apiVersion,
      ids: Object.fromEntries(
        set.dependsOn.flatMap((a) => {
          const r = ids.get(a);
          return r ? [[a, r]] : [];
        }),
      ),
    };
    resources.push({
      ...common,
      urn: `${prefix}pulumi-nodejs:dynamic/intune:Assignments::${set.address}`,
      id: `${id}#assignments`,
      type: "pulumi-nodejs:dynamic/intune:Assignments",
      inputs,
      outputs: { ...inputs, graphId: `${id}#assignments` },
    });
  }
  return {
    version: 3,
    deployment: {
      manifest: {
        time: "2026-12-03T08:51:11.741705004Z",
        magic: "ab35920a3077459b09dd1a3f7ddc28df4e3efc81b3240013bb6906688abc684d",
        version: "v3.259.0",
      },
      secrets_providers: { type: "passphrase", state: { salt: "v1:c3ludGhldGlj:v1:c3ludGhldGlj:c3ludGhldGlj" } },
      resources,
      metadata: {},
    },
  };
}
