// The Pulumi program: the plan, validated and compiled for the stack's active phase, as one resource per Graph
// object and one per object's assignment set. Promotion changes only the phase, so only assignment resources
// change. References between objects are resource ids (the engine orders creation by them, and an id is known in
// preview for every object that is not being created or replaced, so an update does not ripple downstream).
import * as pulumi from "@pulumi/pulumi";
import type { DesiredAssignmentSet, DesiredObject, DesiredState } from "../src/index.ts";
import { checkPlan, compile, formatDiagnosticsText, isSecretRef, KINDS, readPlanInputs, refsIn, unknownPhase } from "../src/index.ts";
import { concurrencyOf } from "./operation-slots.ts";
import { provider } from "./provider.ts";

/** The Pulumi type of an object's assignment set (an object's type is its kind's token: `pulumi-nodejs:dynamic/intune:<Type>`). */
const ASSIGNMENTS_TYPE = "Assignments";

/** One resource to register: what it is, the addresses whose ids it needs, and the secrets it names. */
export type PlannedResource =
  | {
      readonly type: string;
      readonly name: string;
      readonly resource: "object";
      readonly object: DesiredObject;
      readonly refs: readonly string[];
      readonly secrets: readonly string[];
    }
  | {
      readonly type: string;
      readonly name: string;
      readonly resource: "assignments";
      readonly set: DesiredAssignmentSet;
      readonly collection: string;
      readonly apiVersion: "beta" | "v1.0";
      readonly refs: readonly string[];
      readonly secrets: readonly [];
    };

function secretNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => secretNames(v, out));
  else if (isSecretRef(value)) out.add(value.secret);
  else if (value && typeof value === "object") Object.values(value).forEach((v) => secretNames(v, out));
  return out;
}

/** The resources of a compiled state, in creation order (pure; the gRPC tests drive the same list). */
export function planResources(state: DesiredState): PlannedResource[] {
  const objects = new Map(state.objects.map((o) => [o.address, o]));
  const out: PlannedResource[] = state.objects.map((o) => ({
    type: KINDS[o.kind].token,
    name: o.address,
    resource: "object",
    object: o,
    refs: refsIn([o.body, ...o.actions.map((a) => a.body)]),
    secrets: [...secretNames(o.body)].sort(),
  }));
  for (const set of state.assignments) {
    const of = objects.get(set.of);
    if (!of) continue;
    out.push({
      type: ASSIGNMENTS_TYPE,
      name: set.address,
      resource: "assignments",
      set,
      collection: of.collection,
      apiVersion: of.apiVersion,
      refs: set.dependsOn,
      secrets: [],
    });
  }
  return out;
}

export class IntuneResource extends pulumi.dynamic.Resource {
  declare readonly graphId: pulumi.Output<string>;
  constructor(type: string, name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...props, graphId: undefined }, opts, "intune", type);
  }
}

/**
 * Stack settings that say where and how the provider reaches Graph, and how many resources it writes at once
 * (`concurrency`, operation-slots.ts): the explicit provider's only inputs.
 */
export const CONNECTION_KEYS = ["graphEndpoint", "tenantId", "clientId", "auth", "clientSecret", "concurrency"] as const;

/**
 * The provider resource every intune-plan resource uses. An explicit one, because Pulumi gives the default
 * dynamic provider every stack setting as its inputs: a phase change would then show as a provider update. Its
 * inputs are the connection settings only (keys in the project namespace, as the provider's configure reads them);
 * the client secret stays secret in state.
 */
class TenantProvider extends pulumi.ProviderResource {
  constructor(inputs: Record<string, pulumi.Input<string>>) {
    super("pulumi-nodejs", "tenant", inputs);
  }
}

export function tenantProvider(config: pulumi.Config): pulumi.ProviderResource {
  const inputs: Record<string, pulumi.Input<string>> = {};
  const concurrency = config.get("concurrency");
  if (concurrency !== undefined && concurrencyOf(concurrency) === undefined)
    throw new pulumi.RunError(
      `${config.name}:concurrency is ${concurrency}; it is how many resources the provider writes at once, a whole number from 1 to 256`,
    );
  for (const key of CONNECTION_KEYS) {
    const value = key === "clientSecret" ? config.getSecret(key) : config.get(key);
    if (value !== undefined) inputs[`${config.name}:${key}`] = value;
  }
  return new TenantProvider(inputs);
}

export interface ProgramOptions {
  readonly planPaths: readonly string[];
  readonly phase: string | undefined;
  /** A plan secret's value (stack secret config or environment), or undefined when it is not set. */
  readonly secret: (name: string) => pulumi.Input<string> | undefined;
  /** The provider resource (tenantProvider); the default provider when absent (tests under mocks). */
  readonly provider?: pulumi.ProviderResource;
}

export interface ProgramResult {
  readonly phase: string | null;
  readonly resources: ReadonlyMap<string, IntuneResource>;
}

/** Validates and compiles the plan, then registers its resources. Plan errors stop the run with the diagnostics. */
export function registerPlan(options: ProgramOptions): ProgramResult {
  const { inputs, diagnostics, definitions, templates } = readPlanInputs(options.planPaths);
  const checked = checkPlan(inputs, diagnostics, { definitions, templates });
  // checkPlan is the gate every command passes: a plan exactly when no stage found an error.
  if (!checked.plan)
    throw new pulumi.RunError(`the plan does not validate:\n${formatDiagnosticsText(checked.diagnostics, checked.sources)}`);
  const why = unknownPhase(checked.plan, options.phase, { source: "intune-plan:phase" });
  if (why !== undefined) throw new pulumi.RunError(why);
  const state = compile(checked.plan, options.phase);
  const objects = new Map(state.objects.map((o) => [o.address, o]));
  const planned = planResources(state);
  const missing = [...new Set(planned.flatMap((r) => r.secrets))].filter((name) => options.secret(name) === undefined);
  if (missing.length > 0)
    throw new pulumi.RunError(
      `the plan names secrets with no value: ${missing.join(", ")}. Set each with \`pulumi config set --secret <NAME> <value>\` or as an environment variable.`,
    );

  const resources = new Map<string, IntuneResource>();
  const idOf = (address: string): pulumi.Output<string> => {
    const r = resources.get(address);
    if (!r) throw new pulumi.RunError(`${address} is referenced before it is declared (compile order is broken)`);
    return r.id;
  };
  const opts: pulumi.CustomResourceOptions = options.provider ? { provider: options.provider } : {};
  for (const r of planned) {
    const ids = Object.fromEntries(r.refs.map((a) => [a, idOf(a)]));
    const props: Record<string, pulumi.Input<unknown>> = r.resource === "object"
      ? {
          resource: "object",
          object: r.object,
          ids,
          secretValues: Object.fromEntries(r.secrets.map((n) => [n, pulumi.secret(options.secret(n) ?? "")])),
        }
      : { resource: "assignments", set: r.set, collection: r.collection, apiVersion: r.apiVersion, ids };
    // A renamed key (renamedFrom) is the same resource under its new name: Pulumi moves it instead of replacing it.
    const formerly = r.resource === "object" ? r.object.renamedFrom : objects.get(r.set.of)?.renamedFrom?.map((a) => `${a}#assignments`);
    // An object's assignments go with it: deleting the object removes them, so they are not emptied first.
    const owner = r.resource === "assignments" ? resources.get(r.set.of) : undefined;
    // A tenant singleton or kept cleanup rule is never deleted (docs/tenant-singletons.md): the engine itself skips
    // the provider's delete and says so (`delete[retain]`, "will leave N resource(s) untracked"), so the output a
    // platform engineer reads matches what happens. The provider's delete sends nothing for these kinds either.
    const retain = r.resource === "object" && KINDS[r.object.kind].lifecycle !== "owned";
    resources.set(
      r.name,
      new IntuneResource(r.type, r.name, props, {
        ...opts,
        ...(retain ? { retainOnDelete: true } : {}),
        ...(owner ? { deletedWith: owner } : {}),
        ...(formerly?.length ? { aliases: formerly.map((name) => ({ name })) } : {}),
      }),
    );
  }
  return { phase: state.phase, resources };
}
