// Run as a script: `node loaded-modules.ts <entry module URL> <command> [args...]` runs one CLI command through
// the entry's `run` and prints, as JSON on stdout, the URL of every module the process loaded while doing so
// (node:module's synchronous load hook). The command's own output goes to a sink.
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
const sink = { write: () => true };
const code = await run(argv, { stdout: sink, stderr: sink, cwd: process.cwd() });
process.stdout.write(JSON.stringify({ code, loaded }));
