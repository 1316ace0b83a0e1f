import { SfpClient, SfpOrg } from "../../sfp/client";
import { configuredConnection } from "../connections";
import { Discovered, Reference, secretSlot } from "../inventory";
import { present, Lister } from "./types";

/** The sandbox name in a sandbox's username: sfp's `admin@prod--uat.sandbox.com`, or `<production>.<name>`. */
export function sandboxNameOf(org: SfpOrg): string {
  const username = org.username.toLowerCase();
  const parent = org.parentProductionUsername?.toLowerCase() ?? "";
  if (parent && username.startsWith(`${parent}.`)) return org.username.slice(parent.length + 1);
  return /--([a-z0-9]+)\./i.exec(org.username)?.[1] ?? org.username.split("@")[0];
}

const isSandbox = (org: SfpOrg) => !!org.parentProductionUsername;

/** sfp registrations, and sandboxes with their parent production registration. */
export const listSfp: Lister = async (_options, progress) => {
  const orgs = await SfpClient.for(configuredConnection("sfp")).listOrgs();
  progress(`${orgs.length} registrations`);
  const productions = new Map<string, Discovered>();
  const out: Discovered[] = [];
  for (const org of orgs.filter((o) => !isSandbox(o))) {
    const item: Discovered = {
      backend: "sfp",
      kind: "sfp.SalesforceOrgRegistration",
      key: org.username,
      id: org.username,
      nameHint: org.username,
      inputs: present({
        sfdxAuthUrl: secretSlot("SfdxAuthUrl", `the SFDX auth URL of ${org.username}`),
        username: org.username,
        instanceUrl: org.instanceUrl,
        isDevHub: org.isDevHub ?? false,
        isDefault: org.isDefault ?? false,
        metadata: org.metadata ?? {},
      }),
      refusals: [],
    };
    productions.set(org.username.toLowerCase(), item);
    out.push(item);
  }
  for (const org of orgs.filter(isSandbox)) {
    const parentName = org.parentProductionUsername!;
    const parent = productions.get(parentName.toLowerCase());
    const sandboxName = sandboxNameOf(org);
    out.push({
      backend: "sfp",
      kind: "sfp.SandboxRegistration",
      key: `${parentName}/${sandboxName}`,
      id: org.username,
      nameHint: `${parentName.split("@")[0]}-${sandboxName}`,
      inputs: {
        sandboxName,
        productionUsername: parent ? new Reference(parent, "username", parentName) : parentName,
      },
      refusals: [],
    });
  }
  return out;
};
