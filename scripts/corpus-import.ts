// `npm run corpus:import` (optional, not part of npm test): runs `import --from` over ../shared/graph-corpus, format
// by format, and reports what it recognises, what it reports as not expressible (grouped by reason), whether the
// written plan validates, and the round trip: each imported object compiled back and compared with its file's body
// modulo what Graph owns (src/file-import/round-trip.ts). The corpus is read in place, never copied (its licences
// differ). CORPUS_ALL=1 lists every file of a group. Exits 1 when a format's plan does not validate or an object does
// not round-trip: those are the import's promises, the reports of what is not expressible are not failures.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { compile } from "../src/compile/compile.ts";
import { importFiles } from "../src/file-import/import-files.ts";
import { roundTrip } from "../src/file-import/round-trip.ts";
import type { FileFormat, SourceFile } from "../src/file-import/source-file.ts";
import { checkPlan } from "../src/plan/check-plan.ts";

const CORPUS = resolve(process.argv[2] ?? join(import.meta.dirname, "..", "..", "shared", "graph-corpus"));
const SKIP_DIRS = new Set(["schema", "licenses", "analysis"]);
const ALL = Boolean(process.env["CORPUS_ALL"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP_DIRS.has(name) ? [] : walk(path);
    return name.endsWith(".json") ? [path] : [];
  });
}

/** Which corpus files each format's reader gets: by their source (../shared/graph-corpus/README.md). */
const FORMAT_OF = (path: string): FileFormat | undefined => {
  if (/\/oib\/.*\/NativeImport\//.test(path)) return "portal";
  if (/\/oib\//.test(path)) return "intunemanagement";
  if (/\/(icf|ihk|tfm365|msdocs)\//.test(path)) return "graph";
  return undefined;
};

if (!existsSync(CORPUS)) {
  console.log(`no corpus at ${CORPUS}; nothing to check`);
  process.exit(0);
}
const byFormat = new Map<FileFormat, SourceFile[]>();
for (const path of walk(CORPUS)) {
  const format = FORMAT_OF(`/${relative(CORPUS, path)}`);
  if (format) byFormat.set(format, [...(byFormat.get(format) ?? []), { path: relative(CORPUS, path), text: readFileSync(path, "utf8") }]);
}

const list = <T>(items: readonly T[], show: (t: T) => string, indent: string): void => {
  const shown = ALL ? items : items.slice(0, 3);
  for (const t of shown) console.log(`${indent}${show(t)}`);
  if (items.length > shown.length) console.log(`${indent}… ${items.length - shown.length} more`);
};

for (const format of ["portal", "intunemanagement", "intunecd", "graph"] as const) {
  const files = byFormat.get(format) ?? [];
  console.log(`\n== --from ${format}: ${files.length} files`);
  if (files.length === 0) {
    console.log("   no samples in the corpus (the unit tests' own fixtures cover this format)");
    continue;
  }
  const imported = importFiles(format, files, "corpus", CORPUS);
  const withObjects = new Set(imported.objects.map((o) => o.file));
  console.log(`   files imported (at least one object): ${withObjects.size} of ${files.length}`);
  const kinds = new Map<string, number>();
  for (const o of imported.objects) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  console.log(
    `   objects recognised: ${imported.objects.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}); secrets to set: ${imported.secrets.length}`,
  );
  const groups = new Map<string, string[]>();
  for (const r of imported.reports) {
    const key = r.reason
      .replace(/"[^"]*"/g, '"…"')
      .replace(/^[A-Za-z0-9@.#_-]+: /, "<property>: ")
      .replace(/\b[0-9a-f-]{36}\b/g, "<id>");
    groups.set(key, [...(groups.get(key) ?? []), `${r.file}${r.object ? ` [${r.object}]` : ""}: ${r.reason}`]);
  }
  console.log(`   reported as not expressible: ${imported.reports.length}, in ${groups.size} reasons`);
  for (const [reason, lines] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`     ${lines.length} × ${reason}`);
    list(lines, (l) => l, "         ");
  }
  const scripts = new Map(imported.result.files.map((f) => [f.path, f.text]));
  const checked = checkPlan([
    {
      path: "corpus.yaml",
      bytes: Buffer.from(imported.text),
      readScript: (p) => {
        const text = scripts.get(p);
        return text === undefined ? { missing: p } : { text };
      },
    },
  ]);
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  console.log(`   plan validates: ${errors.length === 0 ? "yes" : `no, ${errors.length} errors`}`);
  list(errors, (d) => `${d.code} ${d.message}`, "     ");
  if (errors.length > 0) process.exitCode = 1;
  if (!checked.plan) continue;
  const trip = roundTrip(imported, compile(checked.plan, undefined));
  const differing = trip.filter((t) => t.differences.length > 0);
  console.log(`   round trip: ${trip.length - differing.length} equal, ${differing.length} differing`);
  if (differing.length > 0) process.exitCode = 1;
  const byDifference = new Map<string, string[]>();
  for (const t of differing)
    for (const d of t.differences) {
      const key = d.replace(/:.*$/, "").replace(/\.\d+(\.|$)/g, ".N$1");
      byDifference.set(key, [...(byDifference.get(key) ?? []), `${t.file}: ${d}`]);
    }
  for (const [what, lines] of [...byDifference].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`     ${lines.length} × ${what}`);
    list(lines, (l) => l, "         ");
  }
}
