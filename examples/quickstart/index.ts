import * as pulumi from "@pulumi/pulumi";
import { sfp } from "orgplane";

// Credentials come from the stack's secret config; the sfp server from SFP_SERVER_URL and SFP_SERVER_TOKEN.
const config = new pulumi.Config();

const production = new sfp.SalesforceOrgRegistration("production", {
  sfdxAuthUrl: config.requireSecret("productionAuthUrl"),
  username: "admin@orgplane-demo.com",
  metadata: { environment: "production", owner: "platform-team" },
});

const devhub = new sfp.SalesforceOrgRegistration("devhub", {
  sfdxAuthUrl: config.requireSecret("devhubAuthUrl"),
  isDevHub: true,
  isDefault: true,
  metadata: { environment: "devhub", owner: "platform-team" },
});

const uat = new sfp.SandboxRegistration("uat", {
  sandboxName: "uat",
  productionUsername: production.username,
});

export const productionOrgId = production.orgId;
export const productionEdition = production.organizationType;
export const devhubUsername = devhub.username;
export const uatUsername = uat.username;
export const uatParent = uat.parentProductionUsername;
