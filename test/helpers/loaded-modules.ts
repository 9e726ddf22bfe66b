// Run as a script: `node loaded-modules.ts <entry module URL> <command> [args...]` runs one CLI command through
// the entry's `run` and prints, as JSON on stdout, its exit code, what it wrote on stdout and stderr, and the URL of
// every module the process loaded while doing so (node:module's synchronous load hook).
import { registerHooks } from "node:module";

const loaded: string[] = [];
registerHooks({
  load: (url, context, next) => {
    loaded.push(url);
    return next(url, context);
  },
});
const [entry, ...argv] = process.argv.slice(2);
const { run } = (await import(entry as string)) as { run: (argv: readonly string[], io: unknown) => Promise<number> };
const written = { stdout: "", stderr: "" };
const sink = (stream: keyof typeof written) => ({ write: (text: string) => ((written[stream] += text), true) });
const code = await run(argv, { stdout: sink("stdout"), stderr: sink("stderr"), cwd: process.cwd() });
process.stdout.write(JSON.stringify({ code, loaded, ...written }));
