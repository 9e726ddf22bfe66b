// The bench's results as a table, growth ratios and target verdicts (text), and the same figures as JSON.
// Targets (DESIGN §10, issue 12): 100k ≤ 10.5 × 10k for validate, compile, diff and preview (linear growth with
// room for noise); compile of 10k objects ≤ 1 s whole process; peak memory of every command at 10k ≤ 300 MB.

export const COMMANDS = ["validate", "compile", "diff", "preview", "apply"] as const;
export type Command = (typeof COMMANDS)[number];

/** One command's figures at one size. */
export interface Figures {
  /** Wall clock of the whole process. */
  readonly ms: number;
  /** Its user + system CPU time. */
  readonly cpuMs: number;
  readonly peakMb: number;
  /** Graph requests (preview, apply). */
  readonly requests?: number;
}

export interface SizeResult {
  /** Plan objects actually generated (groups, policies, tags, filters, phases). */
  readonly objects: number;
  /** The size asked for; ratios pair results by it. */
  readonly requested: number;
  readonly files: number;
  readonly bytes: number;
  readonly samples: Partial<Record<Command, Figures>>;
}

const LINEAR: readonly Command[] = ["validate", "compile", "diff", "preview"];
const PAIRS: readonly [number, number][] = [
  [10_000, 1_000],
  [50_000, 10_000],
  [100_000, 10_000],
];
const pad = (v: string | number, w: number): string => String(v).padStart(w);
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const kilo = (n: number): string => (n >= 1000 ? `${n / 1000}k` : String(n));

interface Ratio {
  readonly command: Command;
  readonly pair: string;
  readonly time: number;
  readonly cpu: number;
  readonly memory: number;
}
interface Verdict {
  readonly target: string;
  readonly value: string;
  readonly met: boolean;
}

export function report(
  results: readonly SizeResult[],
  applyMax: number,
): { text: string; json: { results: readonly SizeResult[]; ratios: Ratio[]; targets: Verdict[] } } {
  const lines: string[] = [];
  const wide = (c: Command): boolean => c === "preview" || c === "apply";
  const width = (c: Command): number => (wide(c) ? 30 : 22);
  const head = [
    pad("objects", 8),
    pad("files", 5),
    pad("MB", 6),
    ...COMMANDS.map((c) => pad(wide(c) ? `${c} s / cpu s / MB / req` : `${c} s / cpu s / MB`, width(c))),
  ];
  lines.push(head.join("  "));
  for (const r of results) {
    const cells = COMMANDS.map((c) => {
      const s = r.samples[c];
      if (!s) return pad(c === "apply" ? `(> ${kilo(applyMax)}: skipped)` : "-", width(c));
      return pad(`${seconds(s.ms)} / ${seconds(s.cpuMs)} / ${s.peakMb}${wide(c) ? ` / ${s.requests ?? "?"}` : ""}`, width(c));
    });
    lines.push([pad(r.objects, 8), pad(r.files, 5), pad((r.bytes / 1e6).toFixed(1), 6), ...cells].join("  "));
  }

  const bySize = new Map(results.map((r) => [r.requested, r]));
  const ratios: Ratio[] = [];
  for (const [big, small] of PAIRS) {
    const b = bySize.get(big);
    const s = bySize.get(small);
    if (!b || !s) continue;
    for (const c of COMMANDS) {
      const x = b.samples[c];
      const y = s.samples[c];
      if (x && y)
        ratios.push({
          command: c,
          pair: `${kilo(big)}/${kilo(small)}`,
          time: x.ms / y.ms,
          cpu: x.cpuMs / y.cpuMs,
          memory: x.peakMb / y.peakMb,
        });
    }
  }
  if (ratios.length > 0) {
    lines.push("", "growth (wall × / cpu × / peak memory ×):");
    const pairs = [...new Set(ratios.map((r) => r.pair))];
    lines.push([pad("", 9), ...pairs.map((p) => pad(p, 18))].join("  "));
    for (const c of COMMANDS) {
      const row = pairs.map((p) => {
        const r = ratios.find((x) => x.command === c && x.pair === p);
        return pad(r ? `${r.time.toFixed(1)} / ${r.cpu.toFixed(1)} / ${r.memory.toFixed(1)}` : "-", 18);
      });
      lines.push([pad(c, 9), ...row].join("  "));
    }
  }

  const targets: Verdict[] = [];
  for (const c of LINEAR) {
    const r = ratios.find((x) => x.command === c && x.pair === "100k/10k");
    if (r)
      targets.push({
        target: `${c}: time 100k ≤ 10.5 × 10k`,
        value: `wall ${r.time.toFixed(1)} ×, cpu ${r.cpu.toFixed(1)} ×`,
        met: r.time <= 10.5,
      });
  }
  const ten = bySize.get(10_000);
  const compile = ten?.samples.compile;
  if (compile)
    targets.push({
      target: "compile of 10k ≤ 1 s (whole process)",
      value: `wall ${seconds(compile.ms)} s, cpu ${seconds(compile.cpuMs)} s`,
      met: compile.ms <= 1000,
    });
  for (const c of COMMANDS) {
    const s = ten?.samples[c];
    if (s) targets.push({ target: `${c}: peak memory at 10k ≤ 300 MB`, value: `${s.peakMb} MB`, met: s.peakMb <= 300 });
  }
  if (targets.length > 0) {
    lines.push("", "targets (DESIGN §10, issue 12):");
    for (const t of targets) lines.push(`  ${t.met ? "met    " : "MISSED "} ${t.target}: ${t.value}`);
  }
  lines.push(
    "",
    "s: wall clock of the whole process (up to 10k objects the median of 3 runs, MB the highest of them); cpu s: its user + system CPU (steadier on a loaded machine); MB: its peak RSS; req: Graph requests (preview: as it reports; apply: as the provider sent them).",
    `apply: validate + compile + the provider's create of every resource, against an emulator in its own process; run up to ${kilo(applyMax)} objects (--apply-max).`,
  );
  return { text: lines.join("\n"), json: { results, ratios, targets } };
}
