import type { RunningEmulators } from "../../../emulators";
import type { IicsEmulator } from "../../../emulators/iics/server";
import { KindLifecycle } from "./types";

const adminPassword = "E2e-Initial-Passw0rd-7f3a";
const iicsOf = (emus: RunningEmulators) => (emus.byName.iics.facts as { iics: IicsEmulator }).iics;
const subOrg = (emus: RunningEmulators) =>
  iicsOf(emus)
    .allSubOrgs()
    .find((o) => o.fields.name === "Acme Data")!;
/** Session ids seen during the run (each CLI run logs in once): none may reach state or CLI output. */
const sessionIds = new Set<string>();
const remember = (emus: RunningEmulators) => iicsOf(emus).sessions.forEach((_s, id) => sessionIds.add(id));

/** Runs with node arguments from Pulumi.yaml (runtime option `nodeargs`); the program reports what it got. */
const NODEARGS = "--max-old-space-size=384 --no-deprecation";

/** iics: a sub-organization; a new admin is refused, an edit in IICS shows in refresh. */
export const iicsLifecycle: KindLifecycle = {
  backend: "iics",
  emulators: ["iics"],
  runtime: { nodeargs: NODEARGS },
  program: `
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
module.exports = {
  orgId: org.orgId, parentOrgId: org.parentOrgId, timezone: org.timezone, nodeArgs: process.execArgv.join(" "),
};
`,
  prepare: () => ({
    env: { E2E_IICS_ADMIN_PASSWORD: adminPassword },
    config: { adminUsername: "ada@acme-data.example" },
  }),
  secrets: (emus) => [adminPassword, emus.env.IICS_PASSWORD],
  resources: 1,
  created: ({ emus }, up) => {
    remember(emus);
    const iics = iicsOf(emus);
    // Registered under the partner org, once.
    expect(iics.allSubOrgs().filter((o) => o.fields.name === "Acme Data")).toHaveLength(1);
    expect(up.outputs.orgId.value).toBe(subOrg(emus).id);
    expect(up.outputs.parentOrgId.value).toBe(iics.partner.orgId);
    expect(up.outputs.timezone.value).toBe("America/Los_Angeles");
    expect(up.outputs.nodeArgs.value).toBe(NODEARGS);
  },
  update: {
    config: { description: "Acme's ETL" },
    changes: { update: 1 },
    check: ({ emus }) => {
      remember(emus);
      expect(subOrg(emus).fields).toMatchObject({ description: "Acme's ETL" });
    },
  },
  steps: [
    {
      name: "a new admin fails the preview and changes nothing (a replace would delete the sub-org's data)",
      run: async ({ emus, ps }) => {
        const iics = iicsOf(emus);
        const before = subOrg(emus).id;
        await ps.stack.setConfig("adminUsername", { value: "grace@acme-data.example" });
        iics.emulator.clearLog();
        const error = await ps.stack.preview({ onOutput: ps.onOutput }).catch((e: Error) => e);
        expect(String(error)).toMatch(/administrator of sub-organization .* cannot be changed/);
        expect(iics.emulator.log.filter((e) => e.method !== "POST" || !/login/.test(e.path))).toHaveLength(0);
        expect(subOrg(emus).id).toBe(before);
        await ps.stack.setConfig("adminUsername", { value: "ada@acme-data.example" });
        remember(emus);
      },
    },
    {
      name: "refresh shows a change made in IICS",
      run: async ({ emus, ps }) => {
        subOrg(emus).fields.description = "edited in the IICS UI";
        const refresh = await ps.stack.refresh({ onOutput: ps.onOutput });
        expect(refresh.summary.resourceChanges?.update).toBe(1);
        const deployment = await ps.stack.exportStack();
        const acme = deployment.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::acme"));
        expect(acme.outputs.description).toBe("edited in the IICS UI");
        remember(emus);
      },
    },
  ],
  destroy: {
    changes: { delete: 1 },
    check: ({ emus }) => {
      remember(emus);
      const iics = iicsOf(emus);
      // The partner org is left, without sub-orgs.
      expect(iics.allSubOrgs()).toHaveLength(0);
      expect(iics.orgs.has(iics.partner.orgId)).toBe(true);
    },
  },
  checkSecrets: (_ctx, state, output) => {
    expect(state).toContain("ciphertext");
    expect(sessionIds.size).toBeGreaterThan(0);
    for (const id of sessionIds) {
      expect(state).not.toContain(id);
      expect(output).not.toContain(id);
    }
  },
};
