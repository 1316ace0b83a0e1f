import { RunningEmulators, startEmulators } from "../../emulators";
import { BiotEmulator } from "../../emulators/biot/server";
import { programStack, ProgramStack } from "./stack";

const program = `
const pulumi = require("@pulumi/pulumi");
const { biot } = require("orgplane");
const cfg = new pulumi.Config();
// The connection comes from BIOT_URL, BIOT_SERVICE_ID and BIOT_SERVICE_SECRET_KEY, never from config.
const org = new biot.Organization("clinic", {
  name: cfg.require("name"),
  templateName: cfg.require("template"),
  description: cfg.require("description"),
  headquarters: { countryCode: "US", city: "Boston", state: "Massachusetts" },
  timezone: "America/New_York",
  locale: "en-us",
  phone: "+16175550100",
  primaryAdministrator: {
    email: cfg.get("adminEmail") || "ops@clinic-e2e.example",
    name: { firstName: "Ada", lastName: "Admin" },
    mfa: { enabled: true, expirationInMinutes: 30 },
  },
  customAttributes: cfg.requireObject("attributes"),
});
module.exports = { id: org.id, template: org.template, adminId: org.primaryAdministratorId, description: org.description };
`;

describe("biot.Organization through the real engine", () => {
  let running: RunningEmulators;
  let biot: BiotEmulator;
  let ps: ProgramStack;
  const calls: Record<string, string[]> = {};
  const log = () =>
    biot.emulator.log.map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/, "{id}")} ${e.status}`);
  const measure = async <T>(label: string, run: () => Promise<T>) => {
    biot.emulator.clearLog();
    const result = await run();
    calls[label] = log();
    return result;
  };
  const created = () => [...biot.state.orgs.values()].filter((o) => !o.first);

  beforeAll(async () => {
    running = await startEmulators({ only: ["biot"] });
    biot = (running.byName.biot.facts as { biot: BiotEmulator }).biot;
    ps = await programStack("biot", program, running.env);
    await ps.stack.setAllConfig({
      name: { value: "Boston Clinic" },
      template: { value: "Clinic" },
      description: { value: "Outpatient clinic" },
      attributes: { value: JSON.stringify({ region: "north" }) },
    });
  });

  afterAll(async () => {
    const counts = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, v.length]));
    console.log(
      `biot API calls per operation (1 resource): ${JSON.stringify(counts)}\n${JSON.stringify(calls, null, 1)}`,
    );
    await running?.stop();
  });

  test("up creates the organization and its admin", async () => {
    const up = await measure("up (create)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.create).toBe(2);
    expect(calls["up (create)"]).toEqual([
      "POST /ums/v2/services/accessToken 200",
      "GET /organization/v1/organizations 200", // the existence check of the name
      "POST /organization/v1/organizations/templates/Clinic 201",
    ]);
    const [org] = created();
    expect(up.outputs.id.value).toBe(org.id);
    expect(up.outputs.template.value).toMatchObject({ name: "Clinic" });
    expect(org).toMatchObject({
      name: "Boston Clinic",
      timezone: "America/New_York",
      custom: { region: "north" },
    });
    expect(biot.state.users.get(org.adminId)?.email).toBe("ops@clinic-e2e.example");
  });

  test("a second preview shows no change and makes 0 API calls", async () => {
    const preview = await measure("preview (no-op)", () => ps.stack.preview({ onOutput: ps.onOutput }));
    expect(preview.changeSummary.same).toBe(2);
    expect(calls["preview (no-op)"]).toEqual([]);
  });

  test("a description and attribute change updates in place with one PATCH of just those fields", async () => {
    const before = created()[0];
    await ps.stack.setAllConfig({
      description: { value: "Outpatient and urgent care" },
      attributes: { value: JSON.stringify({ region: "north", beds: 12 }) },
    });
    const up = await measure("up (update)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(calls["up (update)"].filter((c) => !c.includes("/ums/"))).toEqual([
      "PATCH /organization/v1/organizations/{id} 200",
    ]);
    expect(biot.emulator.calls({ method: "PATCH" })[0].body).toEqual({
      _description: "Outpatient and urgent care",
      beds: 12,
    });
    expect(created()[0]).toMatchObject({
      id: before.id,
      description: "Outpatient and urgent care",
      custom: { region: "north", beds: 12 },
    });
  });

  test("an administrator change is refused at preview, with the reason, before any API call", async () => {
    await ps.stack.setConfig("adminEmail", { value: "someone.else@clinic-e2e.example" });
    biot.emulator.clearLog();
    await expect(ps.stack.preview({ onOutput: ps.onOutput })).rejects.toThrow(
      /primary administrator .*cannot be changed/s,
    );
    expect(biot.emulator.log).toHaveLength(0);
    await ps.stack.removeConfig("adminEmail");
  });

  test("a template change replaces, deleting the old organization first", async () => {
    const before = created()[0];
    await ps.stack.setAllConfig({
      template: { value: "Hospital" },
      attributes: { value: JSON.stringify({ region: "north", tier: "A" }) },
    });
    const up = await measure("up (replace)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.replace).toBe(1);
    expect(calls["up (replace)"].filter((c) => !c.includes("/ums/"))).toEqual([
      "DELETE /organization/v1/organizations/{id} 204",
      "GET /organization/v1/organizations 200",
      "POST /organization/v1/organizations/templates/Hospital 201",
    ]);
    expect(biot.state.orgs.has(before.id)).toBe(false);
    expect(created()).toHaveLength(1);
    expect(up.outputs.template.value).toMatchObject({ name: "Hospital" });
  });

  test("refresh shows a change made in the BioT console, and the next up puts it back", async () => {
    created()[0].description = "Edited in the console";
    const refresh = await measure("refresh", () => ps.stack.refresh({ onOutput: ps.onOutput }));
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    expect(calls.refresh.filter((c) => !c.includes("/ums/"))).toEqual([
      "GET /organization/v1/organizations/{id} 200",
    ]);
    const state = await ps.stack.exportStack();
    const clinic = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::clinic"));
    expect(clinic.outputs.description).toBe("Edited in the console");
    expect(clinic.outputs.primaryAdministrator.email).toBe("ops@clinic-e2e.example"); // kept as declared
    const preview = await ps.stack.preview({ onOutput: ps.onOutput });
    expect(preview.changeSummary.update).toBe(1);
    await measure("up (revert drift)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(created()[0].description).toBe("Outpatient and urgent care");
  });

  test("destroy deletes the organization and its users, leaving only the seed", async () => {
    const adminId = created()[0].adminId;
    const destroy = await measure("destroy", () => ps.stack.destroy({ onOutput: ps.onOutput }));
    expect(destroy.summary.resourceChanges?.delete).toBe(2);
    expect(created()).toEqual([]);
    expect(biot.state.users.has(adminId)).toBe(false);
    expect(biot.executionModes.filter((m) => m.method === "DELETE").every((m) => m.mode === "sync")).toBe(
      true,
    );
  });

  test("state and CLI output hold no service secret or token", () => {
    const state = ps.stateText();
    expect(state.length).toBeGreaterThan(100);
    const output = ps.output.join("\n");
    for (const secret of [running.env.BIOT_SERVICE_SECRET_KEY]) {
      expect(state).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
    expect(state).not.toMatch(/Bearer|accessToken/);
  });
});
