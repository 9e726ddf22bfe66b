// The tenant every soak run starts from: Contoso's legacy objects (policies, groups, assignments the plan does not
// own) with the names the plan uses changed, so nothing collides and every one of them must survive untouched.
import type { DesiredState } from "../../src/compile/desired-state.ts";
import { KINDS } from "../../src/kinds/index.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { TenantData } from "../../src/emulator/store.ts";

export function startingTenant(state: DesiredState): TenantData {
  const data = seedTenant("legacy-contoso");
  for (const o of state.objects) {
    const name = KINDS[o.kind].nameProperty;
    for (const { body } of Object.values(data.collections[o.collection] ?? {})) {
      if (body[name] !== o.displayName) continue;
      body[name] = `${o.displayName} (legacy)`;
      if (typeof body["mailNickname"] === "string") body["mailNickname"] = `${body["mailNickname"]}-legacy`;
    }
  }
  return data;
}
