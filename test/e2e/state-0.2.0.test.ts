import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulators, startEmulators } from "../../emulators";
import { programEnv, PROJECT, recordedProgram } from "../fixtures/state-0.2.0/program";
import { programStack, ProgramStack } from "./stack";
import { step } from "./step";

const recorded = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../fixtures/state-0.2.0/checkpoint.json"), "utf8"),
);

type Resource = {
  urn: string;
  type: string;
  id?: string;
  inputs?: object;
  outputs?: Record<string, unknown>;
};
const isOrgplane = (r: Resource) => r.type.startsWith("pulumi-nodejs:dynamic/orgplane/");

/**
 * The recorded 0.2.0 deployment, moved onto the objects of a fresh run: each resource takes the new object's id
 * and the outputs the server assigned anew (ids, timestamps, URLs). Inputs, secret hashes and the serialized
 * provider stay as 0.2.0 wrote them.
 */
function rebased(live: Resource[]) {
  const deployment = JSON.parse(JSON.stringify(recorded.deployment));
  for (const r of deployment.deployment.resources as Resource[]) {
    if (!isOrgplane(r)) continue;
    const now = live.find((l) => l.urn === r.urn)!;
    const inputKeys = Object.keys(r.inputs ?? {});
    r.id = now.id;
    for (const [key, value] of Object.entries(now.outputs ?? {}))
      if (key in r.outputs! && !inputKeys.includes(key) && key !== "secretHashes") r.outputs![key] = value;
  }
  return deployment;
}

describe(`a stack written by orgplane ${recorded.orgplane} refreshes, previews and destroys with this one`, () => {
  let emus: RunningEmulators;
  let ps: ProgramStack;

  beforeAll(async () => {
    emus = await startEmulators();
    ps = await programStack(PROJECT, recordedProgram(), programEnv(emus));
    // The objects the recorded state names, made again (the recording's emulators are gone).
    await ps.stack.up({ onOutput: ps.onOutput });
    const live = (await ps.stack.exportStack()).deployment.resources as Resource[];
    await ps.stack.importStack(rebased(live));
  });

  afterAll(async () => {
    await emus?.stop();
  });

  test("imported as 0.2.0 wrote it; refresh writes the schema version, preview plans no change, destroy deletes every object", async () => {
    await step("the imported state is 0.2.0's: no schema version, the stubs' require paths", async () => {
      const state = (await ps.stack.exportStack()).deployment.resources as Resource[];
      const kinds = state.filter(isOrgplane);
      expect(kinds).toHaveLength(7);
      for (const r of kinds) {
        expect(r.outputs!.__schemaVersion).toBeUndefined();
        expect(String(r.outputs!.__provider)).toMatch(/require\("orgplane\/provider\/\w+\/stubs\/\w+"\)/);
      }
    });
    await step("refresh reads every object and writes the current schema version", async () => {
      await ps.stack.refresh({ onOutput: ps.onOutput });
      const state = (await ps.stack.exportStack()).deployment.resources as Resource[];
      for (const r of state.filter(isOrgplane)) expect(r.outputs!.__schemaVersion).toBe(1);
    });
    await step("preview of the same program plans no change", async () => {
      const preview = await ps.stack.preview({ onOutput: ps.onOutput });
      expect(Object.keys(preview.changeSummary).filter((op) => op !== "same")).toEqual([]);
    });
    await step("destroy deletes every object", async () => {
      const result = await ps.stack.destroy({ onOutput: ps.onOutput });
      expect(result.summary.result).toBe("succeeded");
      // The seven resources and the stack itself.
      expect(result.summary.resourceChanges?.delete).toBe(8);
      const state = (await ps.stack.exportStack()).deployment.resources as Resource[] | undefined;
      expect((state ?? []).filter(isOrgplane)).toEqual([]);
    });
  });
});
