import type { RunningEmulators } from "../../../emulators";
import type { CommvaultEmulator } from "../../../emulators/commvault/server";
import { commvaultBinding, commvaultOrganization } from "../../kinds/commvault";
import { itemsEnv, itemsSecrets, ProgramItem } from "../../kinds";
import { KindLifecycle } from "./types";

/** Organization "sf-backup" (fixture item 2's credentials), bound to a client and, until the update, a group. */
const ORG: ProgramItem = { fixture: commvaultOrganization, i: 2, form: "from stack config" };
const CLIENT: ProgramItem = { fixture: commvaultBinding, i: 1, form: "client", on: ORG };
const GROUP: ProgramItem = { fixture: commvaultBinding, i: 2, form: "client group", on: ORG };

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
  declares: (variant) => [ORG, CLIENT, ...(variant === 0 ? [GROUP] : [])],
  outputs: {
    clientId: "sf_backup.clientId",
    instanceId: "sf_backup.instanceId",
    backupsetId: "sf_backup.backupsetId",
    nodeName: "node1.nodeName",
  },
  prepare: () => ({ config: { organizationName: "acme-e2e", backupStreams: "2" } }),
  // Base64 forms too: the API's form of passwords.
  secrets: (emus) => itemsSecrets(emus, [ORG]).map(b64),
  resources: 3,
  created: ({ emus }, up) => {
    const cv = cvOf(emus);
    const org = orgNamed(emus, "acme-e2e")!;
    expect(up.outputs.clientId.value).toBe(org.clientId);
    expect(up.outputs.instanceId.value).toBe(org.instanceId);
    // The two bindings (a client and a client group), made in parallel.
    expect(org.accessNodes.map((n) => n.name).sort()).toEqual(["cv-access-01", "sf-access-pool"]);
    const env = itemsEnv(emus, [ORG]);
    expect(org.account.password).toBe(b64(env[`CV_SF_PASSWORD_${ORG.i}`]));
    expect(org.syncDatabase?.password).toBe(b64(env[`CV_DB_PASSWORD_${ORG.i}`]));
    expect(cv.emulator.calls({ path: /Login$/ })).toHaveLength(1);
    // The README's figure (15: the organization 6 with the login, the bindings 9) and the fixture organization's 4.
    expect(cv.emulator.log).toHaveLength(15 + 4);
    clientIds = [org.clientId];
  },
  update: {
    // The group's binding removed leaves exactly one node; a new backupStreams updates in place.
    config: { backupStreams: "4" },
    changes: { update: 1, delete: 1 },
    check: ({ emus }) => {
      const org = orgNamed(emus, "acme-e2e")!;
      expect(org.clientId).toBe(clientIds[0]);
      expect(org.content.noOfBackupStreams).toBe(4);
      expect(org.accessNodes.map((n) => n.name)).toEqual(["cv-access-01"]);
      // The README's 5 and the fixture organization's Modify.
      expect(cvOf(emus).emulator.log).toHaveLength(5 + 1);
    },
  },
  steps: [
    {
      name: "a new organizationName replaces the organization, and its binding follows",
      run: async ({ emus, ps, config }) => {
        const old = orgNamed(emus, "acme-e2e")!.clientId;
        await config({ organizationName: "acme-e2e-renamed" });
        cvOf(emus).emulator.clearLog();
        const up = await ps.stack.up({ onOutput: ps.onOutput });
        expect(up.summary.resourceChanges?.replace).toBe(2);
        expect(cvOf(emus).emulator.log).toHaveLength(15); // the README's figure (the fixture is unchanged)
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
        cvOf(emus).emulator.clearLog();
        const refresh = await ps.stack.refresh({ onOutput: ps.onOutput });
        expect(refresh.summary.resourceChanges).toMatchObject({ update: 1, delete: 1 });
        // The README's 4 and the fixture organization's 2 reads.
        expect(cvOf(emus).emulator.log).toHaveLength(4 + 2);
        const state = (await ps.stack.exportStack()).deployment.resources;
        const orgState = state.find((r: { urn: string }) => r.urn.endsWith("::sf-backup"));
        expect(orgState.outputs.backupStreams).toBe(7);
        expect(state.some((r: { urn: string }) => r.urn.endsWith("::node1"))).toBe(false);
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
      expect(cv.emulator.log).toHaveLength(2 + 1); // the README's 2 and the fixture organization's Retire
    },
  },
  checkSecrets: (_ctx, state) => expect(state).toContain("ciphertext"),
};
