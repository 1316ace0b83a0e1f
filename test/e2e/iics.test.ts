import { RunningEmulators, startEmulators } from "../../emulators";
import type { IicsEmulator } from "../../emulators/iics/server";
import { programStack, ProgramStack } from "./stack";

const program = `
const pulumi = require("@pulumi/pulumi");
const { iics } = require("orgplane");
const cfg = new pulumi.Config();
// The connection comes from IICS_LOGIN_URL, IICS_USERNAME and IICS_PASSWORD. The admin password is read from
// the environment as a plain string on purpose: orgplane must make it secret itself.
const org = new iics.Organization("acme", {
  name: "Acme Data",
  description: cfg.get("description"),
  address1: "1 Main St",
  city: "Baltimore",
  state: "MD",
  zipcode: "21201",
  country: "US",
  employees: "51_100",
  admin: {
    username: cfg.require("adminUsername"),
    password: process.env.E2E_IICS_ADMIN_PASSWORD,
    firstName: "Ada",
    lastName: "Lovelace",
  },
});
module.exports = { orgId: org.orgId, parentOrgId: org.parentOrgId, timezone: org.timezone };
`;

describe("iics.Organization through the real engine", () => {
  let running: RunningEmulators;
  let iics: IicsEmulator;
  let ps: ProgramStack;
  const adminPassword = "E2e-Initial-Passw0rd-7f3a";
  const sessionIds = new Set<string>();
  const calls: Record<string, string> = {};
  const measure = async <T>(label: string, run: () => Promise<T>) => {
    iics.emulator.clearLog();
    const result = await run();
    calls[label] = `${iics.emulator.log.length} (${iics.emulator.log.map((e) => e.method).join(" ")})`;
    for (const id of iics.sessions.keys()) sessionIds.add(id);
    return result;
  };
  const subOrg = () => iics.allSubOrgs()[0];

  beforeAll(async () => {
    running = await startEmulators({ only: ["iics"] });
    iics = (running.byName.iics.facts as { iics: IicsEmulator }).iics;
    ps = await programStack("iics", program, { ...running.env, E2E_IICS_ADMIN_PASSWORD: adminPassword });
    await ps.stack.setConfig("adminUsername", { value: "ada@acme-data.example" });
  });

  afterAll(async () => {
    console.log(
      `iics API calls per operation (1 resource; each CLI run logs in once):\n${JSON.stringify(calls, null, 2)}`,
    );
    await running?.stop();
  });

  test("up registers the sub-org under the partner org", async () => {
    const up = await measure("up (create)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.create).toBe(2);
    expect(iics.allSubOrgs()).toHaveLength(1);
    expect(up.outputs.orgId.value).toBe(subOrg().id);
    expect(up.outputs.parentOrgId.value).toBe(iics.partner.orgId);
    expect(up.outputs.timezone.value).toBe("America/Los_Angeles");
  });

  test("a second preview reports no changes and makes 0 API calls", async () => {
    const preview = await measure("preview (no-op)", () => ps.stack.preview({ onOutput: ps.onOutput }));
    expect(preview.changeSummary.same).toBe(2);
    expect(iics.emulator.log).toHaveLength(0);
  });

  test("a new description updates in place", async () => {
    const id = subOrg().id;
    await ps.stack.setConfig("description", { value: "Acme's ETL" });
    const up = await measure("up (update description)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(subOrg()).toMatchObject({ id, fields: expect.objectContaining({ description: "Acme's ETL" }) });
  });

  test("a new admin fails the preview and changes nothing (a replace would delete the sub-org's data)", async () => {
    const before = subOrg().id;
    await ps.stack.setConfig("adminUsername", { value: "grace@acme-data.example" });
    iics.emulator.clearLog();
    const error = await ps.stack.preview({ onOutput: ps.onOutput }).catch((e: Error) => e);
    expect(String(error)).toMatch(/administrator of sub-organization .* cannot be changed/);
    expect(iics.emulator.log.filter((e) => e.method !== "POST" || !/login/.test(e.path))).toHaveLength(0);
    expect(subOrg().id).toBe(before);
    await ps.stack.setConfig("adminUsername", { value: "ada@acme-data.example" });
  });

  test("refresh shows a change made in IICS", async () => {
    subOrg().fields.description = "edited in the IICS UI";
    const refresh = await measure("refresh", () => ps.stack.refresh({ onOutput: ps.onOutput }));
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    const deployment = await ps.stack.exportStack();
    const acme = deployment.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::acme"));
    expect(acme.outputs.description).toBe("edited in the IICS UI");
  });

  test("destroy leaves the partner org without sub-orgs", async () => {
    const destroy = await measure("destroy", () => ps.stack.destroy({ onOutput: ps.onOutput }));
    expect(destroy.summary.resourceChanges?.delete).toBe(2);
    expect(iics.allSubOrgs()).toHaveLength(0);
    expect(iics.orgs.has(iics.partner.orgId)).toBe(true);
  });

  test("state and CLI output hold no admin password, IICS password or session id", () => {
    const state = ps.stateText();
    expect(state).toContain("ciphertext");
    const output = ps.output.join("\n");
    expect(sessionIds.size).toBeGreaterThan(0);
    for (const secret of [adminPassword, running.env.IICS_PASSWORD, ...sessionIds]) {
      expect(state).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
  });
});
