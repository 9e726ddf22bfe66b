// The one dynamic provider object every intune-plan resource shares. Pulumi serializes it into state (as text)
// and runs it in its provider host, so it holds nothing but a relative path: each method loads runtime.ts at call
// time from the project folder (the nearest folder holding Pulumi.yaml, from the host's working directory: the
// engine starts the host in the folder of `main`, providers/) and passes itself as the place to keep configuration
// and the Graph client. No credentials, clients, absolute paths or libraries are captured: the text is frozen into
// each resource's state, so it must stay valid when the project moves.
import type * as pulumi from "@pulumi/pulumi";
import type * as Fs from "node:fs";
import type * as Path from "node:path";
import type * as RuntimeModule from "./runtime.ts";

const RUNTIME = "providers/runtime.ts";

type Runtime = typeof RuntimeModule;

/** Loaded per call inside the host (Node caches it): a top-level import would be serialized with the provider. */
function runtime(): Runtime {
  /* eslint-disable @typescript-eslint/no-require-imports -- resolved in the provider host, not captured */
  const { existsSync } = require("node:fs") as typeof Fs;
  const { dirname, join } = require("node:path") as typeof Path;
  /* eslint-enable @typescript-eslint/no-require-imports */
  let dir = process.cwd();
  while (!existsSync(join(dir, "Pulumi.yaml")) && dirname(dir) !== dir) dir = dirname(dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return require(join(dir, RUNTIME)) as Runtime;
}

type Outs = Record<string, unknown>;

export const provider = {
  state: {},

  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const rt = runtime();
    rt.limitHeapGrowth();
    this.state = { config: rt.configureFrom((key) => req.config.get(key)) };
    return Promise.resolve();
  },

  check(_olds: Outs, news: Outs): Promise<pulumi.dynamic.CheckResult> {
    const rt = runtime();
    return Promise.resolve(rt.check(rt.inputsOf(news)));
  },

  diff(_id: string, olds: Outs, news: Outs): Promise<pulumi.dynamic.DiffResult> {
    const rt = runtime();
    return Promise.resolve(rt.diff(rt.inputsOf(olds), rt.inputsOf(news)));
  },

  create(inputs: Outs): Promise<pulumi.dynamic.CreateResult> {
    const rt = runtime();
    return rt.create(this.state, rt.inputsOf(inputs));
  },

  read(id: string, props: Outs): Promise<pulumi.dynamic.ReadResult> {
    const rt = runtime();
    return rt.read(this.state, id, rt.inputsOf(props));
  },

  update(id: string, olds: Outs, news: Outs): Promise<pulumi.dynamic.UpdateResult> {
    const rt = runtime();
    return rt.update(this.state, id, rt.inputsOf(news), rt.inputsOf(olds));
  },

  delete(id: string, props: Outs): Promise<void> {
    const rt = runtime();
    return rt.remove(this.state, id, rt.inputsOf(props));
  },
};
