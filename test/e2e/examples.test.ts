import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { RunningEmulators, startEmulators } from "../../emulators";
import { programStack, ProgramStack } from "./stack";
import { step } from "./step";
import { REPO } from "./workspace";

/** The examples run as tests: each is transpiled to JS and driven through the real engine. */
function compiledExample(name: string): string {
  const source = fs.readFileSync(path.join(REPO, "examples", name, "index.ts"), "utf8");
  const out = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  return out.outputText;
}

describe("examples/quickstart through the real engine", () => {
  let running: RunningEmulators;
  let ps: ProgramStack;

  beforeAll(async () => {
    running = await startEmulators();
    ps = await programStack("quickstart", compiledExample("quickstart"), running.env);
    await ps.stack.setAllConfig({
      productionAuthUrl: { value: running.env.ORGPLANE_DEMO_PRODUCTION_AUTH_URL, secret: true },
      devhubAuthUrl: { value: running.env.ORGPLANE_DEMO_DEVHUB_AUTH_URL, secret: true },
      backupUserPassword: { value: "example-Backup-pa55", secret: true },
      backupConsumerSecret: { value: "example-consumer-secret", secret: true },
      iicsAdminPassword: { value: "example-Iics-Adm1n", secret: true },
    });
  });
  afterAll(() => running?.stop());

  test("up creates every resource the quickstart declares, a second preview changes nothing, destroy removes everything", async () => {
    await step("up creates every resource the quickstart declares", async () => {
      const up = await ps.stack.up({ onOutput: ps.onOutput });
      expect(up.summary.result).toBe("succeeded");
      expect(up.outputs.uatParent.value).toBe("admin@orgplane-demo.com");
      expect(up.outputs.backupClientId.value).toBeTruthy();
      expect(up.outputs.clinicId.value).toMatch(/^[0-9a-f-]{36}$/);
      expect(up.outputs.iicsSubOrgId.value).toMatch(/^\w{22}$/);
    });
    await step("a second preview changes nothing and calls no API", async () => {
      for (const started of Object.values(running.byName)) started.emulator.clearLog();
      const preview = await ps.stack.preview({ onOutput: ps.onOutput });
      expect(Object.keys(preview.changeSummary).filter((k) => k !== "same")).toEqual([]);
      const calls = Object.values(running.byName).reduce((n, s) => n + s.emulator.log.length, 0);
      expect(calls).toBe(0);
    });
    await step("destroy removes everything", async () => {
      const destroy = await ps.stack.destroy({ onOutput: ps.onOutput });
      expect(destroy.summary.result).toBe("succeeded");
      const sfp = running.byName.sfp.facts as { sfp: { orgs: Map<string, unknown> } };
      expect(sfp.sfp.orgs.size).toBe(0);
      const iics = running.byName.iics.facts as { iics: { allSubOrgs(): unknown[] } };
      expect(iics.iics.allSubOrgs()).toEqual([]);
    });
  });
});
