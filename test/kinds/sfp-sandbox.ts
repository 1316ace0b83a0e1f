import type { RunningEmulators } from "../../emulators";
import { sandboxSpec } from "../../provider/sfp/schema";
import * as formats from "../reliability/formats";
import { renewSfpToken, sfpOf, sfStateOf } from "./sfp";
import { code, KindFixture, newResource } from "./types";

const productionUsername = (i: number) => `sbxprod${i}@fixture-orgs.test`;
const SANDBOX = "uat";
const productions = new WeakMap<RunningEmulators, Map<number, { url: string; refreshToken: string }>>();

/**
 * The production org sandbox i hangs off: a Salesforce org with a sandbox, registered on the sfp server out of
 * band (it is not one of this kind's objects).
 */
function productionFor(emus: RunningEmulators, i: number) {
  let known = productions.get(emus);
  if (!known) productions.set(emus, (known = new Map()));
  let entry = known.get(i);
  if (!entry) {
    const salesforce = emus.byName.salesforce.emulator.url;
    const created = sfStateOf(emus).createOrg({ username: productionUsername(i) });
    sfStateOf(emus).createSandbox(created.org.Id, SANDBOX);
    entry = {
      url: `force://PlatformCLI::${created.refreshToken}@${new URL(salesforce).host}`,
      refreshToken: created.refreshToken,
    };
    sfpOf(emus).orgs.set(productionUsername(i), {
      username: productionUsername(i),
      instanceUrl: salesforce,
      orgId: created.org.Id,
      organizationType: created.org.OrganizationType,
      instanceName: created.org.InstanceName,
      isJitRegistration: false,
      isDevHub: false,
      isDefault: false,
      metadata: {},
      createdAt: new Date().toISOString(),
      sfdxAuthUrl: entry.url,
    });
    known.set(i, entry);
  }
  return entry;
}

/** Sandbox registrations by name. Every field replaces, so variant 1 is the same as 0: there is no update. */
export const sfpSandbox: KindFixture = {
  kind: "sfp.SandboxRegistration",
  backend: "sfp",
  typeToken: "pulumi-nodejs:dynamic/orgplane/sfp:SandboxRegistration",
  emulator: (emus) => sfpOf(emus).emulator,
  prepare: (emus, i) => {
    productionFor(emus, i);
    return {};
  },
  declare: (i) =>
    `new sfp.SandboxRegistration("sbx-${i}", { sandboxName: "${SANDBOX}", productionUsername: "${productionUsername(i)}" });`,
  forms: {
    /** The "uat" sandbox of the registration it refers to (one whose org has it: sfp's "production" form). */
    "of registration": {
      declare: (i, registration) =>
        newResource("sfp.SandboxRegistration", `sbx-${i}`, {
          sandboxName: SANDBOX,
          productionUsername: code(`${registration}.username`),
        }),
      prepare: () => ({}),
      secrets: () => [],
    },
  },
  inputs: (emus, i) => {
    productionFor(emus, i);
    return {
      sandboxName: SANDBOX,
      productionUsername: productionUsername(i),
      connection: { url: emus.env.SFP_SERVER_URL, token: emus.env.SFP_SERVER_TOKEN },
    };
  },
  objects: (emus) => [...sfpOf(emus).orgs.values()].filter((o) => o.isJitRegistration).map((o) => o.username),
  naturalKey: (i) => `${productionUsername(i)}.${SANDBOX}`,
  secrets: (emus, i) => [
    productionFor(emus, i).url,
    productionFor(emus, i).refreshToken,
    emus.env.SFP_SERVER_TOKEN,
  ],
  spec: sandboxSpec,
  formats: { productionUsername: formats.email },
  renewCredentials: renewSfpToken,
};
