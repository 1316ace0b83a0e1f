import { e2eEmulators } from "./emulators";
import { SecretScan, secretScanTest } from "./secret-scan";
import { programStack, ProgramStack } from "./stack";

const program = `
const pulumi = require("@pulumi/pulumi");
const { sfp } = require("orgplane");
const cfg = new pulumi.Config();
// The auth URL comes from the environment as a plain string on purpose: orgplane must make it secret itself.
const org = new sfp.SalesforceOrgRegistration("prod", {
  sfdxAuthUrl: process.env[cfg.require("authUrlVariable")],
  username: cfg.require("username"),
  isDevHub: true,
  isDefault: true,
  metadata: cfg.requireObject("metadata"),
});
const uat = new sfp.SandboxRegistration("uat", { sandboxName: "uat", productionUsername: org.username });
module.exports = {
  orgId: org.orgId, username: org.username, instanceName: org.instanceName, createdAt: org.createdAt,
  isDefault: org.isDefault, sandboxUsername: uat.username, sandboxParent: uat.parentProductionUsername,
};
`;

describe("sfp kinds through the real engine", () => {
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  let ps: ProgramStack;
  const orgA = { username: "ops@acme-e2e.com" };
  const orgB = { username: "platform@acme-e2e.com" };
  let authA: ReturnType<typeof emu.newOrg>;
  let authB: ReturnType<typeof emu.newOrg>;
  const calls: Record<string, number> = {};
  const scan = new SecretScan("sfp");
  const sfpCalls = () => emu.sfp.emulator.log.length;
  const measure = async <T>(label: string, run: () => Promise<T>) => {
    emu.sfp.emulator.clearLog();
    const result = await run();
    calls[label] = sfpCalls();
    return result;
  };

  beforeAll(async () => {
    emu = await e2eEmulators();
    authA = emu.newOrg(orgA.username, ["uat"]);
    authB = emu.newOrg(orgB.username, ["uat"]);
    ps = await programStack("sfp", program, {
      ...emu.env,
      E2E_AUTH_URL_A: authA.sfdxAuthUrl,
      E2E_AUTH_URL_B: authB.sfdxAuthUrl,
    });
    scan.watch({ stack: ps, emulators: emu.running });
    scan.add(
      authA.sfdxAuthUrl,
      authB.sfdxAuthUrl,
      authA.refreshToken,
      authB.refreshToken,
      emu.env.SFP_SERVER_TOKEN,
    );
    await ps.stack.setAllConfig({
      authUrlVariable: { value: "E2E_AUTH_URL_A" },
      username: { value: orgA.username },
      metadata: { value: JSON.stringify({ environment: "production", owner: "platform" }) },
    });
  });

  afterAll(async () => {
    console.log(`sfp API calls per operation (2 resources): ${JSON.stringify(calls)}`);
    await emu?.running.stop();
  });

  test("up creates the registration and the sandbox", async () => {
    const up = await measure("up (create x2)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.create).toBe(3);
    expect(up.outputs.orgId.value).toBe(authA.orgId);
    expect(up.outputs.sandboxUsername.value).toBe(`${orgA.username}.uat`);
    expect(up.outputs.sandboxParent.value).toBe(orgA.username);
    expect(emu.sfp.orgs.get(orgA.username)?.metadata).toEqual({
      environment: "production",
      owner: "platform",
    });
  });

  test("a second preview reports no changes and makes 0 API calls", async () => {
    emu.salesforce.clearLog();
    const preview = await measure("preview (no-op)", () => ps.stack.preview({ onOutput: ps.onOutput }));
    expect(preview.changeSummary.same).toBe(3);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(sfpCalls()).toBe(0);
    expect(emu.salesforce.log.length).toBe(0);
  });

  test("changing metadata updates in place", async () => {
    const before = emu.sfp.orgs.get(orgA.username)!.createdAt;
    await ps.stack.setConfig("metadata", {
      value: JSON.stringify({ environment: "production", owner: "sre" }),
    });
    const up = await measure("up (update metadata)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect(emu.sfp.orgs.get(orgA.username)?.metadata).toEqual({ environment: "production", owner: "sre" });
    expect(emu.sfp.orgs.get(orgA.username)?.createdAt).toBe(before);
  });

  test("changing the username replaces, and the sandbox follows its production org", async () => {
    await ps.stack.setAllConfig({
      username: { value: orgB.username },
      authUrlVariable: { value: "E2E_AUTH_URL_B" },
    });
    const up = await measure("up (replace x2)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.replace).toBe(2);
    expect(emu.sfp.orgs.has(orgA.username)).toBe(false);
    expect(emu.sfp.orgs.has(`${orgA.username}.uat`)).toBe(false);
    expect(emu.sfp.orgs.get(orgB.username)?.orgId).toBe(authB.orgId);
    expect(up.outputs.sandboxParent.value).toBe(orgB.username);
  });

  test("refresh reports a change made out of band, and the next up corrects it", async () => {
    emu.sfp.orgs.get(orgB.username)!.isDefault = false;
    const refresh = await measure("refresh (2 resources)", () => ps.stack.refresh({ onOutput: ps.onOutput }));
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    const deployment = await ps.stack.exportStack();
    const prod = deployment.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::prod"));
    expect(prod.outputs.isDefault).toBe(false);
    const preview = await ps.stack.preview({ onOutput: ps.onOutput });
    expect(preview.changeSummary.update).toBe(1);
    await ps.stack.up({ onOutput: ps.onOutput });
    expect(emu.sfp.orgs.get(orgB.username)?.isDefault).toBe(true);
  });

  test("refresh drops a registration deleted out of band; up recreates it", async () => {
    emu.sfp.orgs.delete(`${orgB.username}.uat`);
    const refresh = await ps.stack.refresh({ onOutput: ps.onOutput });
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    const up = await ps.stack.up({ onOutput: ps.onOutput });
    expect(up.summary.resourceChanges?.create).toBe(1);
    expect(emu.sfp.orgs.has(`${orgB.username}.uat`)).toBe(true);
  });

  test("destroy leaves the registry empty, even when an org is already gone", async () => {
    emu.sfp.orgs.delete(`${orgB.username}.uat`);
    const destroy = await measure("destroy (2 resources, 1 already gone)", () =>
      ps.stack.destroy({ onOutput: ps.onOutput }),
    );
    expect(destroy.summary.resourceChanges?.delete).toBe(3);
    expect(emu.sfp.orgs.size).toBe(0);
  });

  test("state carries each kind's provider stub as a require of orgplane by package name, not its code", () => {
    const state = ps.stateText();
    expect(state).toContain("orgplane/provider/sfp/stubs/SalesforceOrgRegistration");
    expect(state).toContain("orgplane/provider/sfp/stubs/SandboxRegistration");
    expect(state).not.toContain("require(modulePath)");
  });

  test("state and CLI output hold no plaintext sfdxAuthUrl, refresh token or sfp token", () => {
    const state = ps.stateText();
    expect(state.length).toBeGreaterThan(100);
    const output = ps.output.join("\n");
    for (const secret of [
      authA.sfdxAuthUrl,
      authB.sfdxAuthUrl,
      authA.refreshToken,
      authB.refreshToken,
      emu.env.SFP_SERVER_TOKEN,
    ]) {
      expect(state).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
    expect(state).toContain("ciphertext");
  });

  secretScanTest(scan);
});
