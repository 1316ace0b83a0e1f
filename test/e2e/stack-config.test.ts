import { itemsEnv, itemsSecrets, ProgramItem, programSource, resourceVar } from "../kinds";
import { sfpRegistration } from "../kinds/sfp";
import { e2eEmulators } from "./emulators";
import { expectNoSecrets, SecretScan } from "./secret-scan";
import { programStack, ProgramStack, storedOutputs } from "./stack";
import { step } from "./step";

// No `connection` input and no SFP_* variables: the resource and the lookup read `orgplane:*` stack config.
const registration: ProgramItem = { fixture: sfpRegistration, i: 1 };
const program = `${programSource([registration])}
module.exports = {
  orgId: ${resourceVar(registration)}.orgId,
  recordedConfig: ${resourceVar(registration)}.stackConfig,
  registrations: sfp.listOrgsOutput({}).apply((orgs) => orgs.length),
};
`;

/** The recorded stack config among the registration's outputs in the exported state. */
async function recordedInState(ps: ProgramStack): Promise<unknown> {
  const { deployment } = await ps.stack.exportStack();
  const resources = deployment.resources as { type: string; outputs: Record<string, unknown> }[];
  return resources.find((r) => r.type.endsWith("sfp:SalesforceOrgRegistration"))?.outputs.stackConfig;
}

describe("connections from stack config (orgplane:sfpServerUrl, orgplane:sfpServerToken)", () => {
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  let ps: ProgramStack;
  let configToken: string;
  let rotatedToken: string;
  const username = sfpRegistration.naturalKey(registration.i);
  const scan = new SecretScan("stack-config");
  const workspace = () => ps.stack.workspace;
  const setEnv = (name: string, value?: string) => {
    if (value === undefined) delete workspace().envVars[name];
    else workspace().envVars[name] = value;
  };
  const sfpStatuses = () => emu.sfp.emulator.log.map((entry) => entry.status);

  beforeAll(async () => {
    emu = await e2eEmulators();
    configToken = emu.sfp.issueToken("owner", "config@orgplane.local");
    rotatedToken = emu.sfp.issueToken("owner", "rotated@orgplane.local");
    const { SFP_SERVER_URL, SFP_SERVER_TOKEN: _unused, ...env } = emu.env;
    ps = await programStack("stack-config", program, { ...env, ...itemsEnv(emu.running, [registration]) });
    scan.watch({ stack: ps, emulators: emu.running });
    scan.add(configToken, rotatedToken, ...itemsSecrets(emu.running, [registration]));
    await ps.stack.setAllConfig({
      "orgplane:sfpServerUrl": { value: SFP_SERVER_URL },
      "orgplane:sfpServerToken": { value: configToken, secret: true },
    });
  });
  afterAll(() => emu.running.stop());

  test("stack config: up records it, refresh and destroy use the recorded one, a variable in the environment wins", async () => {
    await step("up reads the config keys; the resource records them as a secret", async () => {
      const up = await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
      expect(up.summary.result).toBe("succeeded");
      expect(emu.sfp.orgs.has(username)).toBe(true);
      expect(up.outputs.registrations).toEqual({ value: 0, secret: false });
      expect(up.outputs.recordedConfig.secret).toBe(true);
      // A secret in state: the engine's secret signature around a ciphertext, never the token.
      const secretSig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
      expect(await recordedInState(ps)).toEqual(expect.objectContaining(secretSig));
      const encrypted =
        /"stackConfig":\s*\{\s*"4dabf18193072939515e22adb298388d":\s*"[0-9a-f]+",\s*"ciphertext"/;
      expect(ps.stateText()).toMatch(encrypted);
      expect(ps.stateText()).not.toContain(configToken);
    });
    await step("the results read from state are the Automation API's own CLI answers", async () => {
      // (stack.ts reads the outputs from the checkpoint file or `stack export`, the summary from the history record.)
      const fromCliOutputs = await ps.stack.workspace.stackOutputs("e2e");
      expect(await ps.stack.outputs()).toEqual(fromCliOutputs); // one is a secret: from the export
      // The plain ones as the checkpoint file holds them: what stacks without a secret output read.
      const stored = await storedOutputs(ps.stack, ps.backendDir);
      const plain = Object.entries(fromCliOutputs).filter(([, output]) => !output.secret);
      expect(plain.map(([key]) => key).sort()).toEqual(["orgId", "registrations"]);
      for (const [key, output] of plain) expect(stored?.[key]).toEqual(output.value);
      const [fromCli] = await ps.stack.history(1);
      const fromState = await ps.stack.info();
      for (const field of ["kind", "result", "resourceChanges", "version", "startTime", "endTime"] as const)
        expect(fromState?.[field]).toEqual(fromCli[field]);
    });
    await step("refresh, without the program, uses the recorded config, not the current one", async () => {
      await workspace().setConfig("e2e", "orgplane:sfpServerToken", { value: "not-a-token", secret: true });
      emu.sfp.emulator.clearLog();
      const refresh = await ps.stack.refresh({ onOutput: ps.onOutput, onError: ps.onError });
      expect(refresh.summary.result).toBe("succeeded");
      expect(sfpStatuses()).not.toContain(401);
      expect(sfpStatuses().length).toBeGreaterThan(0);
    });
    await step("a variable in the environment at refresh wins over the recorded config", async () => {
      setEnv("SFP_SERVER_TOKEN", "expired-token-in-env");
      emu.sfp.emulator.clearLog();
      const failed = ps.stack.refresh({ onOutput: ps.onOutput, onError: ps.onError });
      await expect(failed).rejects.toThrow(/refused the token/);
      expect(sfpStatuses()).toContain(401);

      setEnv("SFP_SERVER_TOKEN", rotatedToken);
      emu.sfp.emulator.clearLog();
      const refresh = await ps.stack.refresh({ onOutput: ps.onOutput, onError: ps.onError });
      expect(refresh.summary.result).toBe("succeeded");
      expect(sfpStatuses()).not.toContain(401);
    });
    await step("an up records a changed config with no call to the API", async () => {
      setEnv("SFP_SERVER_TOKEN");
      await workspace().setConfig("e2e", "orgplane:sfpServerToken", { value: rotatedToken, secret: true });
      emu.sfp.emulator.clearLog();
      const up = await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
      expect(up.summary.resourceChanges).toEqual(expect.objectContaining({ update: 1 }));
      // Only the program's lookup (GET /orgs) reached the server.
      expect(emu.sfp.emulator.log.map((entry) => entry.method)).toEqual(["GET"]);
    });
    await step("destroy uses the recorded config too", async () => {
      await workspace().setConfig("e2e", "orgplane:sfpServerToken", { value: "not-a-token", secret: true });
      const destroy = await ps.stack.destroy({ onOutput: ps.onOutput, onError: ps.onError });
      expect(destroy.summary.result).toBe("succeeded");
      expect(emu.sfp.orgs.has(username)).toBe(false);
    });
    expectNoSecrets(scan);
  });
});
