// The plan's JSON Schema for editors (yaml-language-server), derived from the zod schema so the two never drift.
import { z } from "zod";
import { planFileSchema } from "./schema.ts";

export function planJsonSchema(): string {
  const schema = z.toJSONSchema(planFileSchema, { target: "draft-7", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "intune-plan plan file", $id: "https://intune-plan.dev/schema/plan.schema.json" }, null, 2)}\n`;
}
