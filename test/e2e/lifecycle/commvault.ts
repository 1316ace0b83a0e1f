import type { RunningEmulators } from "../../../emulators";
import type { CommvaultEmulator } from "../../../emulators/commvault/server";
import { KindLifecycle } from "./types";

const secrets = {
  E2E_SF_PASSWORD: "Sf-e2e-Pa55word!",
  E2E_SF_CONSUMER_SECRET: "e2e-consumer-secret-8f2a",
  E2E_DB_PASSWORD: "e2e-db-pa55word",
};
const b64 = (s: string) => Buffer.from(s).toString("base64");
const cvOf = (emus: RunningEmulators) =>
  (emus.byName.commvault.facts as { commvault: CommvaultEmulator }).commvault;
const orgNamed = (emus: RunningEmulators, name: string) =>
  [...cvOf(emus).state.orgs.values()].find((o) => o.clientName === name);
let clientIds: unknown[] = [];

/** commvault: an organization with two access-node bindings; a binding goes, the organization is renamed. */
export const commvaultLifecycle: KindLifecycle = {
  backend: "commvault",
  emulators: ["commvault"],
  program: `
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
`,
  prepare: () => ({
    env: secrets,
    config: { organizationName: "acme-e2e", backupStreams: "2", bindings: ["client", "group"] },
  }),
  // Plain and Base64 (the API's form of passwords).
  secrets: (emus) => [...Object.values(secrets), emus.env.COMMVAULT_PASSWORD].flatMap((s) => [s, b64(s)]),
  resources: 3,
  created: ({ emus }, up) => {
    const cv = cvOf(emus);
    const org = orgNamed(emus, "acme-e2e")!;
    expect(up.outputs.clientId.value).toBe(org.clientId);
    expect(up.outputs.instanceId.value).toBe(org.instanceId);
    // The two bindings (a client and a client group), made in parallel.
    expect(org.accessNodes.map((n) => n.name).sort()).toEqual(["cv-access-01", "sf-access-pool"]);
    expect(org.account.password).toBe(b64(secrets.E2E_SF_PASSWORD));
    expect(org.syncDatabase?.password).toBe(b64(secrets.E2E_DB_PASSWORD));
    expect(cv.emulator.calls({ path: /Login$/ })).toHaveLength(1);
    clientIds = [org.clientId];
  },
  update: {
    // A binding removed leaves exactly one node; a new backupStreams updates in place.
    config: { backupStreams: "4", bindings: ["client"] },
    changes: { update: 1, delete: 1 },
    check: ({ emus }) => {
      const org = orgNamed(emus, "acme-e2e")!;
      expect(org.clientId).toBe(clientIds[0]);
      expect(org.content.noOfBackupStreams).toBe(4);
      expect(org.accessNodes.map((n) => n.name)).toEqual(["cv-access-01"]);
    },
  },
  steps: [
    {
      name: "a new organizationName replaces the organization, and its binding follows",
      run: async ({ emus, ps, config }) => {
        const old = orgNamed(emus, "acme-e2e")!.clientId;
        await config({ organizationName: "acme-e2e-renamed" });
        const up = await ps.stack.up({ onOutput: ps.onOutput });
        expect(up.summary.resourceChanges?.replace).toBe(2);
        expect(cvOf(emus).state.orgs.has(old)).toBe(false);
        const org = orgNamed(emus, "acme-e2e-renamed")!;
        expect(up.outputs.clientId.value).toBe(org.clientId);
        expect(org.accessNodes.map((n) => n.name)).toEqual(["cv-access-01"]);
        expect(org.content.noOfBackupStreams).toBe(4);
      },
    },
    {
      name: "refresh shows an out-of-band change and picks up an out-of-band node removal",
      run: async ({ emus, ps }) => {
        const org = orgNamed(emus, "acme-e2e-renamed")!;
        org.content.noOfBackupStreams = 7;
        org.accessNodes = [];
        const refresh = await ps.stack.refresh({ onOutput: ps.onOutput });
        expect(refresh.summary.resourceChanges).toMatchObject({ update: 1, delete: 1 });
        const state = (await ps.stack.exportStack()).deployment.resources;
        const orgState = state.find((r: { urn: string }) => r.urn.endsWith("::sf-backup"));
        expect(orgState.outputs.backupStreams).toBe(7);
        expect(state.some((r: { urn: string }) => r.urn.endsWith("::node"))).toBe(false);
      },
    },
  ],
  destroy: {
    before: ({ emus, items }) => {
      const names = ["acme-e2e-renamed", ...items.map(({ fixture, i }) => fixture.naturalKey(i))];
      clientIds = names.map((name) => orgNamed(emus, name)!.clientId);
    },
    changes: { delete: 1 }, // the organization; its binding went with the refresh
    check: ({ emus }) => {
      const cv = cvOf(emus);
      // Destroy retires each client, and that is its only DELETE.
      const retired = cv.emulator.calls({ method: "DELETE" }).map((c) => c.path);
      expect(retired.sort()).toEqual(clientIds.map((id) => `/commandcenter/api/Client/${id}/Retire`).sort());
      expect(cv.state.orgs.size).toBe(0);
    },
  },
  checkSecrets: (_ctx, state) => expect(state).toContain("ciphertext"),
};
