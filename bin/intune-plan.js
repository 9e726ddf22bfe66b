#!/usr/bin/env node
// Launcher: runs the compiled CLI from dist/ (built by `npm ci` via the prepare script); in a source checkout
// without a build it runs src/ directly, which Node 24 supports through type stripping.
import { existsSync } from "node:fs";
import { enableCompileCache } from "node:module";

// Node's on-disk V8 code cache for the CLI's modules (under the OS temp folder; NODE_COMPILE_CACHE names another,
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): every run after the first skips compiling the ~160 modules a command
// loads. Entries are checked against each file's content, so a rebuilt dist/ never runs stale code. Best effort: an
// unwritable cache folder only means compiling as before.
enableCompileCache();

const built = new URL("../dist/src/cli/main.js", import.meta.url);
const entry = existsSync(built) ? built : new URL("../src/cli/main.ts", import.meta.url);
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
