import * as pulumi from "@pulumi/pulumi";
import { sfp } from "orgplane";

/** One Salesforce org that this stack registers on the sfp server (from the stack's config). */
interface OrgConfig {
  name: string;
  username: string;
  /** The environment variable (set from a CI secret) that holds the org's SFDX auth URL. */
  authUrlVariable: string;
  isDevHub?: boolean;
  isDefault?: boolean;
  /** Sandboxes of the org to register by name (no auth URL needed: the sfp server goes through the org). */
  sandboxes?: string[];
}

const config = new pulumi.Config();
const metadata = {
  environment: config.require("environment"),
  owner: config.require("owner"),
  costCenter: config.require("costCenter"),
};

function authUrl(org: OrgConfig): string {
  const value = process.env[org.authUrlVariable];
  if (!value)
    throw new Error(
      `${org.authUrlVariable} is not set: give it ${org.username}'s SFDX auth URL (sf org display --verbose) ` +
        `from a CI secret`,
    );
  return value;
}

export const orgs = config.requireObject<OrgConfig[]>("orgs").map((org) => {
  // orgplane makes sfdxAuthUrl a Pulumi secret itself; the sfp server URL and token come from
  // SFP_SERVER_URL and SFP_SERVER_TOKEN.
  const registration = new sfp.SalesforceOrgRegistration(org.name, {
    sfdxAuthUrl: authUrl(org),
    username: org.username,
    isDevHub: org.isDevHub ?? false,
    isDefault: org.isDefault ?? false,
    metadata,
  });
  const sandboxes = (org.sandboxes ?? []).map(
    (sandboxName) =>
      new sfp.SandboxRegistration(`${org.name}-${sandboxName}`, {
        sandboxName,
        productionUsername: registration.username,
      }),
  );
  return {
    username: registration.username,
    orgId: registration.orgId,
    instanceUrl: registration.instanceUrl,
    sandboxes: sandboxes.map((sandbox) => sandbox.username),
  };
});
