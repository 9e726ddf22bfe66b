// The stack export with recover's decisions applied (pure), for `pulumi stack import`.
//
// Why an edited export and not `pulumi refresh --import-pending-creates URN ID`: in Pulumi v3.259 that flag only
// retypes the pending operation to "importing", and the refresh that follows drops every pending operation that is
// not a create, so the resource never reaches the state (tried against the emulator: 47 resources before, 47
// after, the object not in state). Moving the pending resource into `resources` with its id is the edit Pulumi
// documents for pending creates, and `pulumi stack import` verifies the result's integrity before saving it.
//
// `pulumi stack import` drops every pending operation, so the edited export has none: imports are resources,
// clears are gone, and a refused create's record goes too. That loses nothing: its object is not taken over, and the
// next `pulumi up` stops on the taken name, which is where the user settles it (adopt: true or a rename).
import type { Decision } from "./decide.ts";
import type { Fields, PendingState } from "./pending-state.ts";
import { isFields } from "./pending-state.ts";

/**
 * The outputs an imported resource starts with: its inputs and its id, as create returns them. An object's come
 * without `secretValues`, the provider's mark of an unfinished create (providers/runtime.ts, partialProperties):
 * the next `pulumi up` sees a change and updates the object, which writes its body and runs its follow-up actions
 * again, finishing whatever the interrupted create had not done. Secret values stay the ciphertext they were.
 */
function importedOutputs(inputs: Fields, id: string): Fields {
  if (inputs["resource"] === "object") {
    const { secretValues: _unfinished, ...rest } = inputs;
    return { ...rest, graphId: id };
  }
  return { ...inputs, graphId: id };
}

export function settledExport(state: PendingState, decisions: readonly Decision[]): Fields {
  const deployment = state.document["deployment"];
  if (!isFields(deployment)) throw new Error("settledExport: the export has no deployment (readPendingState checks this)");
  const resources = Array.isArray(deployment["resources"]) ? deployment["resources"] : [];
  const pending = Array.isArray(deployment["pending_operations"]) ? deployment["pending_operations"] : [];
  const ids = new Map(decisions.flatMap((d) => (d.action === "import" && d.id !== undefined ? [[d.urn, d.id] as const] : [])));
  // Appended after every resource: a pending create's parent, provider and dependencies all precede it already.
  const imported = pending.flatMap((op: unknown) => {
    const resource = isFields(op) && isFields(op["resource"]) ? op["resource"] : undefined;
    const id = typeof resource?.["urn"] === "string" ? ids.get(resource["urn"]) : undefined;
    if (!resource || id === undefined) return [];
    const inputs = isFields(resource["inputs"]) ? resource["inputs"] : {};
    return [{ ...resource, id, outputs: importedOutputs(inputs, id) }];
  });
  return { ...state.document, deployment: { ...deployment, resources: [...resources, ...imported], pending_operations: [] } };
}
