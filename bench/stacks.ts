import { performance } from "node:perf_hooks";
import * as fs from "node:fs";
import * as path from "node:path";
import { programStack, ProgramStack } from "../test/e2e/stack";
import { installNaive } from "./programs";
import { settings } from "./setup";

export type Operation = "up" | "refresh" | "destroy" | "preview";

/** A stack whose program can be rewritten between operations, with timed operations at --parallel 16. */
export class BenchStack {
  private constructor(readonly ps: ProgramStack) {}

  static async create(
    name: string,
    source: string,
    env: Record<string, string>,
    work: string,
    options: { naive?: boolean } = {},
  ): Promise<BenchStack> {
    const ps = await programStack(name, source, env, work);
    if (options.naive) installNaive(ps.dir);
    return new BenchStack(ps);
  }

  get dir(): string {
    return this.ps.dir;
  }

  /** Rewrites the program, with more environment variables for it when given. */
  setProgram(source: string, env: Record<string, string> = {}): void {
    fs.writeFileSync(path.join(this.ps.dir, "index.js"), source);
    Object.assign(this.ps.stack.workspace.envVars, env);
  }

  /** Runs one operation and returns its wall time in milliseconds. */
  async timed(operation: Operation): Promise<number> {
    const started = performance.now();
    await this.run(operation);
    return performance.now() - started;
  }

  async run(operation: Operation) {
    const stack = this.ps.stack;
    const parallel = settings.parallel;
    switch (operation) {
      case "up":
        return stack.up({ parallel });
      case "refresh":
        return stack.refresh({ parallel });
      case "destroy":
        return stack.destroy({ parallel });
      case "preview":
        return stack.preview({ parallel });
    }
  }

  /** The resources of the exported state (secrets in plaintext form). */
  async resources<T = { type: string; inputs?: Record<string, unknown> }>(): Promise<T[]> {
    const { deployment } = await this.ps.stack.exportStack();
    return (deployment.resources ?? []) as T[];
  }

  /** The `__provider` text of the first resource of this type in the state. */
  async serializedProvider(type: string): Promise<string | undefined> {
    const resources = await this.resources();
    const found = resources.find((r) => r.type === type && typeof r.inputs?.__provider === "string");
    return found?.inputs?.__provider as string | undefined;
  }
}
