// `pulumi stack export` → the Graph objects a stack owns (pure). The program (providers/program.ts) registers one
// resource per Graph object, typed `pulumi-nodejs:dynamic/intune:<Type>`, whose id is the Graph id and whose
// outputs.object is the compiled object (address, kind, collection), and one `…:Assignments` resource per
// assignment set (outputs.set.of names its object). Everything else (the stack itself, the explicit
// `pulumi:providers:pulumi-nodejs` provider) is not a Graph object. Secret values in an export are envelopes
// (`{ "4dabf18193072939515e22adb298388d": "1b47…", "ciphertext": … }`): never opened, never quoted in a message.
import type { Kind } from "../compile/desired-state.ts";
import type { OwnedObject, StackOwnership } from "../compile/state-view.ts";
import { compareText } from "../text-order.ts";
import { KINDS } from "../kinds/index.ts";

export const INTUNE_TYPE_PREFIX = "pulumi-nodejs:dynamic/intune:";
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
export const HOW_TO_EXPORT = "Expected what `pulumi stack export --stack NAME` prints (write it with `--file FILE`).";

import { StackExportError } from "./tenant-errors.ts";

export { StackExportError } from "./tenant-errors.ts";

type Fields = Readonly<Record<string, unknown>>;
const isFields = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
/** A field's value when it is a plain (not secret) object. */
const plainFields = (v: Fields | undefined, key: string): Fields | undefined => {
  const x = v?.[key];
  return isFields(x) && !(SECRET_SIGNATURE in x) ? x : undefined;
};
const text = (v: Fields | undefined, key: string): string | undefined => {
  const x = v?.[key];
  return typeof x === "string" && x !== "" ? x : undefined;
};

/** `urn:pulumi:<stack>::<project>::<type>::<name>`: types hold single colons, the parts are joined by `::`. */
function urnParts(urn: string): { stack: string; name: string } | undefined {
  const [head, _project, _type, ...name] = urn.split("::");
  return head?.startsWith("urn:pulumi:") && name.length > 0
    ? { stack: head.slice("urn:pulumi:".length), name: name.join("::") }
    : undefined;
}

/** `CompliancePolicy` → `compliancePolicy`: the type tokens are the kinds, capitalised. */
function kindOf(name: string | undefined): Kind | undefined {
  const kind = name === undefined ? undefined : `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  return kind !== undefined && Object.hasOwn(KINDS, kind) ? (kind as Kind) : undefined;
}

/** JSON.parse for an export, failing as StackExportError without quoting the text (it may be ciphertext). */
export function parseExportJson(json: string, source: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    // JSON.parse quotes the text around the fault, which may be ciphertext: only the position is repeated.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    throw new StackExportError(`${source} is not JSON${at ? ` (it breaks at character ${at})` : ""}. ${HOW_TO_EXPORT}`);
  }
}

/**
 * `source` names the export in messages (a file, or the command that printed it); `stack` is the stack's name when
 * the caller knows it (else the name in the resources' URNs).
 */
export function parseStackExport(json: string, source: string, stack?: string): StackOwnership {
  const doc = parseExportJson(json, source);
  const deployment = isFields(doc) ? plainFields(doc, "deployment") : undefined;
  if (!deployment) throw new StackExportError(`${source} is not a Pulumi stack export: it has no "deployment" object. ${HOW_TO_EXPORT}`);
  const resources = deployment["resources"] ?? []; // a stack that was never deployed has none
  if (!Array.isArray(resources)) throw new StackExportError(`${source}: deployment.resources is not a list. ${HOW_TO_EXPORT}`);
  const objects: OwnedObject[] = [];
  const assignmentSets: string[] = [];
  let stackOfUrns: string | undefined;
  for (const r of resources.filter(isFields)) {
    const type = text(r, "type") ?? "";
    const urn = text(r, "urn") ?? "";
    const parts = urnParts(urn);
    stackOfUrns ??= parts?.stack;
    // `delete: true` marks an old copy left by a create-before-delete replace; the provider asks for delete-before-
    // replace on every replacement, so the engine never leaves one. `external` resources are read, not owned.
    if (!type.startsWith(INTUNE_TYPE_PREFIX) || r["delete"] === true || r["external"] === true) continue;
    const outputs = plainFields(r, "outputs");
    const typeName = type.slice(INTUNE_TYPE_PREFIX.length);
    if (typeName === "Assignments") {
      const of = text(plainFields(outputs, "set"), "of") ?? parts?.name.replace(/#assignments$/, "");
      if (of) assignmentSets.push(of);
      continue;
    }
    const object = plainFields(outputs, "object");
    const kind = kindOf(text(object, "kind") ?? typeName);
    if (!kind)
      throw new StackExportError(
        `${source}: ${urn} has type ${type}, which this intune-plan does not know. Use the intune-plan version the stack was applied with, or a newer one.`,
      );
    const id = text(r, "id") ?? text(outputs, "graphId");
    const address = text(object, "address") ?? parts?.name;
    // A resource without an id was never created: nothing in the tenant is the stack's under that name.
    if (!id || !address) continue;
    const collection = text(object, "collection");
    const initErrors = r["initErrors"];
    objects.push({ address, id, kind, ...(collection ? { collection } : {}), partial: Array.isArray(initErrors) && initErrors.length > 0 });
  }
  return {
    stack: stack ?? stackOfUrns ?? source,
    objects: objects.sort((a, b) => compareText(a.address, b.address)),
    assignmentSets: [...new Set(assignmentSets)].sort(compareText),
  };
}
