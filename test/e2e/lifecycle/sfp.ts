import type { RunningEmulators } from "../../../emulators";
import { ProgramItem } from "../../kinds";
import { sfpOf, sfpRegistration, sfStateOf } from "../../kinds/sfp";
import { sfpSandbox } from "../../kinds/sfp-sandbox";
import { KindLifecycle } from "./types";

/**
 * Registration "prod" from stack config; its auth URL, in E2E_AUTH_URL_A or _B (which config names), comes from
 * the environment as a plain string on purpose: orgplane must make it secret itself.
 */
const PROD: ProgramItem = { fixture: sfpRegistration, i: 2, form: "from stack config" };
/** Its "uat" sandbox (resource sbx-2). */
const UAT: ProgramItem = { fixture: sfpSandbox, i: 2, form: "of registration", on: PROD };

const orgA = "ops@acme-e2e.com";
const orgB = "platform@acme-e2e.com";

/** A Salesforce org with an admin and a "uat" sandbox; its sfdxAuthUrl carries a client id and secret. */
function newOrg(emus: RunningEmulators, username: string) {
  const created = sfStateOf(emus).createOrg({ username });
  sfStateOf(emus).createSandbox(created.org.Id, "uat");
  const host = new URL(emus.byName.salesforce.emulator.url).host;
  return {
    orgId: created.org.Id,
    refreshToken: created.refreshToken,
    sfdxAuthUrl: `force://${created.clientId}:${created.clientSecret}:${created.refreshToken}@${host}`,
  };
}

let authA: ReturnType<typeof newOrg>;
let authB: ReturnType<typeof newOrg>;
let createdAt: string | undefined;

/** sfp: a registration and its sandbox; the username replaces both, the registry is read back for drift. */
export const sfpLifecycle: KindLifecycle = {
  backend: "sfp",
  declares: () => [PROD, UAT],
  outputs: {
    orgId: "prod.orgId",
    username: "prod.username",
    instanceName: "prod.instanceName",
    createdAt: "prod.createdAt",
    isDefault: "prod.isDefault",
    sandboxUsername: "sbx_2.username",
    sandboxParent: "sbx_2.parentProductionUsername",
  },
  prepare: (emus) => {
    authA = newOrg(emus, orgA);
    authB = newOrg(emus, orgB);
    return {
      env: { E2E_AUTH_URL_A: authA.sfdxAuthUrl, E2E_AUTH_URL_B: authB.sfdxAuthUrl },
      config: {
        authUrlVariable: "E2E_AUTH_URL_A",
        username: orgA,
        metadata: { environment: "production", owner: "platform" },
      },
    };
  },
  secrets: (emus) => [
    authA.sfdxAuthUrl,
    authB.sfdxAuthUrl,
    authA.refreshToken,
    authB.refreshToken,
    emus.env.SFP_SERVER_TOKEN,
  ],
  resources: 2,
  created: ({ emus }, up) => {
    expect(up.outputs.orgId.value).toBe(authA.orgId);
    expect(up.outputs.sandboxUsername.value).toBe(`${orgA}.uat`);
    expect(up.outputs.sandboxParent.value).toBe(orgA);
    expect(sfpOf(emus).orgs.get(orgA)?.metadata).toEqual({ environment: "production", owner: "platform" });
    createdAt = sfpOf(emus).orgs.get(orgA)?.createdAt;
  },
  update: {
    config: { metadata: { environment: "production", owner: "sre" } },
    changes: { update: 1 },
    check: ({ emus }) => {
      const registration = sfpOf(emus).orgs.get(orgA);
      expect(registration?.metadata).toEqual({ environment: "production", owner: "sre" });
      // An update in place: the registration was not made again.
      expect(registration?.createdAt).toBe(createdAt);
    },
  },
  steps: [
    {
      name: "changing the username replaces, and the sandbox follows its production org",
      run: async ({ emus, ps, config }) => {
        await config({ username: orgB, authUrlVariable: "E2E_AUTH_URL_B" });
        const up = await ps.stack.up({ onOutput: ps.onOutput });
        expect(up.summary.resourceChanges?.replace).toBe(2);
        const orgs = sfpOf(emus).orgs;
        expect(orgs.has(orgA)).toBe(false);
        expect(orgs.has(`${orgA}.uat`)).toBe(false);
        expect(orgs.get(orgB)?.orgId).toBe(authB.orgId);
        expect(up.outputs.sandboxParent.value).toBe(orgB);
      },
    },
    {
      name: "refresh reports a change and a deletion made out of band; up corrects both",
      run: async ({ emus, ps }) => {
        const orgs = sfpOf(emus).orgs;
        orgs.get(orgB)!.isDefault = false;
        orgs.delete(`${orgB}.uat`);
        const refresh = await ps.stack.refresh({ onOutput: ps.onOutput });
        expect(refresh.summary.resourceChanges).toMatchObject({ update: 1, delete: 1 });
        const deployment = await ps.stack.exportStack();
        const prod = deployment.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::prod"));
        expect(prod.outputs.isDefault).toBe(false);
        const up = await ps.stack.up({ onOutput: ps.onOutput });
        expect(up.summary.resourceChanges).toMatchObject({ update: 1, create: 1 });
        expect(orgs.get(orgB)?.isDefault).toBe(true);
        expect(orgs.has(`${orgB}.uat`)).toBe(true);
      },
    },
  ],
  destroy: {
    // The sandbox is gone already: destroy must still succeed.
    before: ({ emus }) => void sfpOf(emus).orgs.delete(`${orgB}.uat`),
    changes: { delete: 2 },
    check: ({ emus }) => {
      // Left: the production org the sandbox fixture registered out of band (not a resource of the stack).
      expect([...sfpOf(emus).orgs.keys()].filter((u) => !u.startsWith("sbxprod"))).toEqual([]);
    },
  },
  checkSecrets: (_ctx, state) => {
    // Each kind's provider stub is a require of orgplane by package name, not its code.
    expect(state).toContain("orgplane/provider/sfp/stubs/SalesforceOrgRegistration");
    expect(state).toContain("orgplane/provider/sfp/stubs/SandboxRegistration");
    expect(state).not.toContain("require(modulePath)");
    expect(state).toContain("ciphertext");
  },
};
