// What the compiler and import lend an adapter, for adapter tests: references stay plan keys both ways, scope tags
// are left out, and notes collect in the given list.
import type { JsonObject } from "../../src/graph-model/json.ts";
import { isPlainObject } from "../../src/graph-model/json.ts";
import type { CompileContext, ImportContext } from "../../src/kinds/kind.ts";

export const compileContext: CompileContext = {
  scopeTags: () => ({}),
  ref: (address) => ({ $ref: address }),
  template: (t) => t ?? "",
  policyTemplate: () => undefined,
};

const keyOf = (v: unknown): string | undefined =>
  isPlainObject(v) && typeof v["$ref"] === "string" ? v["$ref"].replace(/^[^.]*\./, "") : undefined;

export const importContext = (notes: string[], assignedGroups: string[] = [], more: Partial<ImportContext> = {}): ImportContext => ({
  common: (body) => (typeof body["description"] === "string" ? { description: body["description"] } : {}),
  withAssignment: (o) => o,
  note: (m) => {
    notes.push(m);
  },
  keyOf,
  keys: (values) => (Array.isArray(values) ? values.flatMap((v) => keyOf(v) ?? []) : []),
  // Graph's defaults are left out by the real import (import-plan.ts settingsOf); these bodies hold none.
  settings: (body: JsonObject) => {
    const {
      displayName: _n,
      description: _d,
      "@odata.type": _t,
      roleScopeTagIds: _s,
      targetApps: _a,
      scheduledActionsForRule: _r,
      ...rest
    } = body;
    return Object.keys(rest).length > 0 ? rest : undefined;
  },
  assignedGroups: () => assignedGroups,
  file: (name) => name,
  targetSettings: () => undefined,
  ...more,
});
