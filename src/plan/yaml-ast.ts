// The `yaml` package (the positioned AST) is loaded on first use, not when the plan layer is imported: a plan that
// parses clean and needs no diagnostic placed never uses it (js-yaml reads the values), and loading its ~70
// CommonJS modules was about 40 ms of every validate and compile. Node resolves `import "yaml"` to the same
// CommonJS entry (its "node" export), so this is the very module the static imports elsewhere get.
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

/** The `yaml` module, required on the first call. */
export function yamlAst(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return loaded;
}
