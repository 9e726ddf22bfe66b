#!/usr/bin/env -S node --max-semi-space-size=8
// Launcher: runs the bundled CLI from dist/cli/ (built by `npm ci` via the prepare script); in a source checkout
// without a build it runs src/ directly, which Node 24 supports through type stripping.
//
// The flag on the first line: V8 fixes the young generation's size when the process starts, and Node 24's default
// lets it fill with about 100 MB of short-lived garbage (parsed YAML, Graph pages) before a scavenge. A preview of
// 10k objects peaked at 390 MB of memory for 100 MB of live data; with 8 MB semi-spaces it peaks near 260 MB and
// runs no slower. `npx intune-plan` and an installed `intune-plan` start through this line (npm's Windows shim
// reads it too); `node bin/intune-plan.js` does not, and runs with V8's default (`npm start` passes the flag).
import { existsSync } from "node:fs";
import { enableCompileCache } from "node:module";

// Node's on-disk V8 code cache for the CLI's modules (under the OS temp folder; NODE_COMPILE_CACHE names another,
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): every run after the first skips compiling the chunks a command
// loads. Entries are checked against each file's content, so a rebuilt dist/ never runs stale code. Best effort: an
// unwritable cache folder only means compiling as before.
enableCompileCache();

const built = new URL("../dist/cli/main.js", import.meta.url);
const entry = existsSync(built) ? built : new URL("../src/cli/main.ts", import.meta.url);
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
