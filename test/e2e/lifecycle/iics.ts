import type { RunningEmulators } from "../../../emulators";
import type { IicsEmulator } from "../../../emulators/iics/server";
import { ProgramItem } from "../../kinds";
import { iicsOrganization } from "../../kinds/iics";
import { KindLifecycle } from "./types";

/**
 * Sub-organization "acme" from stack config. The connection comes from IICS_LOGIN_URL, IICS_USERNAME and
 * IICS_PASSWORD; the admin password from the environment as a plain string: orgplane must make it secret itself.
 */
const ACME: ProgramItem = { fixture: iicsOrganization, i: 2, form: "from stack config" };
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
  declares: () => [ACME],
  outputs: {
    orgId: "acme.orgId",
    parentOrgId: "acme.parentOrgId",
    timezone: "acme.timezone",
    nodeArgs: `process.execArgv.join(" ")`,
  },
  prepare: () => ({ config: { adminUsername: "ada@acme-data.example" } }),
  secrets: () => [], // the admin password and the connection's: the fixture's
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
