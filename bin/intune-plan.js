#!/usr/bin/env node
// Launcher: runs the compiled CLI from dist/ (built by `npm ci` via the prepare script); in a source checkout
// without a build it runs src/ directly, which Node 24 supports through type stripping.
import { existsSync } from "node:fs";

const built = new URL("../dist/src/cli/main.js", import.meta.url);
const entry = existsSync(built) ? built : new URL("../src/cli/main.ts", import.meta.url);
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
