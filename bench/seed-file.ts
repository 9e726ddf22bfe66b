// `node bench/seed-file.ts DIR PHASE FILE`: writes FILE, an emulator state (`intune-plan emulator --state FILE`)
// whose tenant already holds the plan in DIR as applied for PHASE (seed-tenant.ts). Bench setup, not measured.
import { saveTenant } from "../src/emulator/store.ts";
import { compiledPlan } from "./compiled-plan.ts";
import { tenantHolding } from "./seed-tenant.ts";

const [dir = "", phase = "", file = ""] = process.argv.slice(2);
saveTenant(tenantHolding(compiledPlan(dir, phase)), file);
