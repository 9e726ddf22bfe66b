// The official SARIF 2.1.0 JSON schema (as shipped by the schemastore package), compiled once per test file.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("schemastore/schemas/json/sarif-2.1.0.json"), "utf8")) as object;

/** Returns the schema errors of `log` (null when it is valid SARIF 2.1.0). */
export function sarifValidator(): (log: unknown) => unknown {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(schema);
  return (log) => (validate(log) ? null : validate.errors);
}
