// Layer 3, run in plain Node by program.test.ts: the Pulumi program under pulumi.runtime.setMocks, for every phase
// of plan/: the resource graph it registers (types, names, references, targets), how long registering takes, and
// how it stops on a plan error or a missing secret. Prints one JSON report.
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";

interface Registration {
  type: string;
  name: string;
  refs: string[];
  targets?: number;
  secretInputs: string[];
  providerChars: number;
}
let registrations: Registration[] = [];
const SIG = "4dabf18193072939515e22adb298388d";

pulumi.runtime.setMocks(
  {
    newResource(args) {
      const inputs = args.inputs as Record<string, unknown>;
      // A secret nested in a plain object makes the whole object secret on the wire.
      const isSecret = (v: unknown): v is { value: unknown } => typeof v === "object" && v !== null && SIG in v;
      const values = inputs["secretValues"] ?? {};
      const secrets = isSecret(values)
        ? Object.keys(values.value as object)
        : Object.entries(values as Record<string, unknown>)
            .filter(([, v]) => isSecret(v))
            .map(([k]) => k);
      const set = inputs["set"] as { targets?: unknown[] } | undefined;
      registrations.push({
        type: args.type,
        name: args.name,
        refs: Object.keys((inputs["ids"] ?? {}) as object).sort(),
        ...(set ? { targets: set.targets?.length ?? 0 } : {}),
        secretInputs: secrets,
        providerChars: String(inputs["__provider"] ?? "").length,
      });
      return { id: `${args.name}-id`, state: { ...inputs, graphId: `${args.name}-id` } };
    },
    call: () => ({}),
  },
  "intune-plan",
  "emulator",
  false,
);

const { registerPlan } = await import("../../providers/program.ts");
const phases = ["limited-pilot", "expanded-pilot", "production-1", "production-2", "production-3"];
const graph: Record<string, { registrations: Registration[]; ms: number }> = {};
for (const phase of phases) {
  registrations = [];
  const started = performance.now();
  const result = registerPlan({ planPaths: ["plan"], phase, secret: () => pulumi.secret("psk-in-a-mock") });
  await new Promise<void>((resolve) => {
    pulumi.all([...result.resources.values()].map((r) => r.graphId)).apply(() => resolve());
  });
  graph[phase] = {
    registrations: [...registrations].sort((a, b) => a.name.localeCompare(b.name)),
    ms: Math.round(performance.now() - started),
  };
}
const failure = (run: () => unknown): string => {
  try {
    run();
    return "no error";
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
};
const report = {
  graph,
  badPlan: failure(() =>
    registerPlan({ planPaths: ["test/fixtures/invalid/yaml-syntax.yaml"], phase: undefined, secret: () => undefined }),
  ),
  badPhase: failure(() => registerPlan({ planPaths: ["plan"], phase: "wave-9", secret: () => "x" })),
  missingSecret: failure(() => registerPlan({ planPaths: ["plan"], phase: "limited-pilot", secret: () => undefined })),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
