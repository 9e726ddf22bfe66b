// `npm run build` (and npm's prepare): bundles the CLI into dist/cli/ for bin/intune-plan.js.
//
// Why a bundle, not tsc's one-file-per-module output: a plan command loads about 220 modules (zod alone is about 90),
// and Node resolves, reads and links each one; that was about 0.1 s of the 1 s a 10k-object `compile` takes (issue 12).
// The bundle keeps each command lazy: code splitting makes every `import()` of the command table its own chunk, so
// `validate` and `compile` still load no Graph SDK, sign-in or emulator code (test/cli/bundle.test.ts checks both).
//
// The tenant side's packages (the Graph SDK and its transport undici, sign-in, Pulumi) stay external (Node loads them
// from node_modules as before): they are loaded only by commands that talk to Graph, whose time is the network's, and
// @azure/identity and @pulumi/pulumi load optional native parts and plugins by runtime paths a bundler must not
// rewrite.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { rmSync } from "node:fs";

/** Packages Node loads from node_modules at run time (see above). */
export const EXTERNAL_PACKAGES = ["@azure/*", "@microsoft/*", "@pulumi/*", "undici"] as const;

export async function bundleCli(outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: fileURLToPath(new URL("../src/cli/main.ts", import.meta.url)) },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node24",
    external: [...EXTERNAL_PACKAGES],
    // CommonJS packages in the bundle (yaml's Node build) require Node's built-ins; an ES module has no `require`.
    banner: { js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);' },
    // Stack traces are never shown to users (cli/main.ts), but a bug report's may be; keep names readable.
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (import.meta.main) await bundleCli(fileURLToPath(new URL("../dist/cli", import.meta.url)));
