import { RunningEmulators, startEmulators } from "../../emulators";
import type { CommvaultEmulator } from "../../emulators/commvault/server";
import { programStack, ProgramStack } from "./stack";

const program = `
const pulumi = require("@pulumi/pulumi");
const { commvault } = require("orgplane");
const cfg = new pulumi.Config();
// Secrets come from the environment as plain strings on purpose: orgplane must keep them out of state itself.
const org = new commvault.Organization("sf-backup", {
  organizationName: cfg.require("organizationName"),
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: {
    authentication: "password",
    userName: "backup@acme-e2e.com",
    password: process.env.E2E_SF_PASSWORD,
    consumerId: "3MVG9-e2e-consumer",
    consumerSecret: process.env.E2E_SF_CONSUMER_SECRET,
  },
  downloadCachePath: "/var/cache/sf",
  syncDatabase: {
    type: "postgresql", host: "db.acme-e2e.local", port: 5432, name: "sfsync", userName: "sync",
    password: process.env.E2E_DB_PASSWORD,
  },
  backupStreams: cfg.requireNumber("backupStreams"),
});
const bindings = cfg.requireObject("bindings");
const node = new commvault.AccessNodeBinding("node", { organizationId: org.id, client: { clientName: "cv-access-01" } });
if (bindings.includes("group")) {
  new commvault.AccessNodeBinding("pool", { organizationId: org.id, clientGroup: { clientGroupName: "sf-access-pool" } });
}
module.exports = { clientId: org.clientId, instanceId: org.instanceId, backupsetId: org.backupsetId, nodeName: node.nodeName };
`;

const secrets = {
  E2E_SF_PASSWORD: "Sf-e2e-Pa55word!",
  E2E_SF_CONSUMER_SECRET: "e2e-consumer-secret-8f2a",
  E2E_DB_PASSWORD: "e2e-db-pa55word",
};
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("commvault kinds through the real engine", () => {
  let running: RunningEmulators;
  let cv: CommvaultEmulator;
  let ps: ProgramStack;
  const calls: Record<string, number> = {};
  const measure = async <T>(label: string, run: () => Promise<T>) => {
    cv.emulator.clearLog();
    const result = await run();
    calls[label] = cv.emulator.log.length;
    return result;
  };
  const orgNamed = (name: string) => [...cv.state.orgs.values()].find((o) => o.clientName === name);

  beforeAll(async () => {
    running = await startEmulators({ only: ["commvault"] });
    cv = (running.byName.commvault.facts as { commvault: CommvaultEmulator }).commvault;
    ps = await programStack("commvault", program, { ...running.env, ...secrets });
    await ps.stack.setAllConfig({
      organizationName: { value: "acme-e2e" },
      backupStreams: { value: "2" },
      bindings: { value: JSON.stringify(["client", "group"]) },
    });
  });

  afterAll(async () => {
    console.log(`commvault API calls per operation (1 organization, 2 bindings): ${JSON.stringify(calls)}`);
    await running?.stop();
  });

  test("up creates the organization and two bindings (a client and a client group) in parallel", async () => {
    const up = await measure("up (create org + 2 bindings)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.create).toBe(4);
    const org = orgNamed("acme-e2e")!;
    expect(up.outputs.clientId.value).toBe(org.clientId);
    expect(up.outputs.instanceId.value).toBe(org.instanceId);
    expect(org.accessNodes.map((n) => n.name).sort()).toEqual(["cv-access-01", "sf-access-pool"]);
    expect(org.account.password).toBe(b64(secrets.E2E_SF_PASSWORD));
    expect(org.syncDatabase?.password).toBe(b64(secrets.E2E_DB_PASSWORD));
    expect(cv.emulator.calls({ path: /Login$/ })).toHaveLength(1);
  });

  test("a second preview reports no changes and makes 0 API calls", async () => {
    const preview = await measure("preview (no-op)", () => ps.stack.preview({ onOutput: ps.onOutput }));
    expect(preview.changeSummary.same).toBe(4);
    expect(cv.emulator.log).toHaveLength(0);
  });

  test("removing a binding leaves exactly one node; a new backupStreams updates in place", async () => {
    const clientId = orgNamed("acme-e2e")!.clientId;
    await ps.stack.setAllConfig({
      backupStreams: { value: "4" },
      bindings: { value: JSON.stringify(["client"]) },
    });
    const up = await measure("up (update streams, remove a binding)", () =>
      ps.stack.up({ onOutput: ps.onOutput }),
    );
    expect(up.summary.resourceChanges).toMatchObject({ update: 1, delete: 1 });
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    const org = orgNamed("acme-e2e")!;
    expect(org.clientId).toBe(clientId);
    expect(org.content.noOfBackupStreams).toBe(4);
    expect(org.accessNodes.map((n) => n.name)).toEqual(["cv-access-01"]);
  });

  test("a new organizationName replaces the organization, and its binding follows", async () => {
    const old = orgNamed("acme-e2e")!.clientId;
    await ps.stack.setConfig("organizationName", { value: "acme-e2e-renamed" });
    const up = await measure("up (replace org + binding)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.replace).toBe(2);
    expect(cv.state.orgs.has(old)).toBe(false);
    const org = orgNamed("acme-e2e-renamed")!;
    expect(up.outputs.clientId.value).toBe(org.clientId);
    expect(org.accessNodes.map((n) => n.name)).toEqual(["cv-access-01"]);
    expect(org.content.noOfBackupStreams).toBe(4);
  });

  test("refresh shows an out-of-band change and picks up an out-of-band node removal", async () => {
    const org = orgNamed("acme-e2e-renamed")!;
    org.content.noOfBackupStreams = 7;
    org.accessNodes = [];
    const refresh = await measure("refresh (org + binding)", () =>
      ps.stack.refresh({ onOutput: ps.onOutput }),
    );
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1, delete: 1 });
    const state = (await ps.stack.exportStack()).deployment.resources;
    const orgState = state.find((r: { urn: string }) => r.urn.endsWith("::sf-backup"));
    expect(orgState.outputs.backupStreams).toBe(7);
    expect(state.some((r: { urn: string }) => r.urn.endsWith("::node"))).toBe(false);
  });

  test("destroy retires the client and leaves the emulator clean", async () => {
    const clientId = orgNamed("acme-e2e-renamed")!.clientId;
    const destroy = await measure("destroy (org)", () => ps.stack.destroy({ onOutput: ps.onOutput }));
    expect(destroy.summary.resourceChanges?.delete).toBe(2); // the organization and the stack
    expect(cv.emulator.calls({ method: "DELETE" }).map((c) => c.path)).toEqual([
      `/commandcenter/api/Client/${clientId}/Retire`,
    ]);
    expect(cv.state.orgs.size).toBe(0);
  });

  test("state and CLI output hold no password, consumer secret or DB password, plain or Base64", () => {
    const state = ps.stateText();
    expect(state.length).toBeGreaterThan(100);
    const output = ps.output.join("\n");
    for (const secret of [...Object.values(secrets), running.env.COMMVAULT_PASSWORD]) {
      for (const form of [secret, b64(secret)]) {
        expect(state).not.toContain(form);
        expect(output).not.toContain(form);
      }
    }
    expect(state).toContain("ciphertext");
  });
});
