import * as pulumi from "@pulumi/pulumi";
import { biot, commvault, iics, salesforce, sfp } from "orgplane";

// Credentials come from the stack's secret config. Each backend's server and login come from the environment
// (SFP_SERVER_*, COMMVAULT_*, BIOT_*, IICS_*), which `npm run emulators` prints for the local emulators.
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

// Commvault backs up the production org; two access nodes are bound to its backup client.
const backup = new commvault.Organization("production-backup", {
  organizationName: "orgplane-demo-production",
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: {
    authentication: "password",
    userName: "backup@orgplane-demo.com",
    password: config.requireSecret("backupUserPassword"),
    consumerId: "3MVG9-orgplane-demo",
    consumerSecret: config.requireSecret("backupConsumerSecret"),
  },
  downloadCachePath: "/var/cache/salesforce",
  backupStreams: 4,
});
new commvault.AccessNodeBinding("access-node-1", { organizationId: backup.id, client: { clientName: "cv-access-01" } });
new commvault.AccessNodeBinding("access-node-2", { organizationId: backup.id, client: { clientName: "cv-access-02" } });

// A BioT organization created from a template.
const clinic = new biot.Organization("clinic", {
  name: "Orgplane Demo Clinic",
  templateName: "Clinic",
  timezone: "America/New_York",
  locale: "en-us",
  primaryAdministrator: {
    email: "admin@orgplane-demo-clinic.com",
    name: { firstName: "Ada", lastName: "Admin" },
    mfa: { enabled: true, expirationInMinutes: 30 },
  },
});

// An Informatica IICS sub-organization under the partner org that IICS_USERNAME administers.
const subOrg = new iics.Organization("iics-suborg", {
  name: "Orgplane Demo Sub-org",
  description: "Integration tenant for the demo clinic",
  address1: "1 Demo Way",
  city: "Baltimore",
  state: "MD",
  zipcode: "21201",
  country: "US",
  employees: "11_25",
  // What the orgplane policy pack asks of IICS orgs: expiring, not quickly reused passwords and an error contact.
  passwordExpirationInDays: 90,
  passwordReuseInDays: 365,
  errorEmails: "platform-team@orgplane-demo.com",
  admin: {
    username: "admin@orgplane-demo-iics.com",
    password: config.requireSecret("iicsAdminPassword"),
    firstName: "Ada",
    lastName: "Admin",
  },
});

// A user in the production org. Its connection is SF_AUTH_URL, which the emulators export for that org.
const analyst = new salesforce.User("analyst", {
  username: "analyst@orgplane-demo.com",
  email: "analyst@orgplane-demo.com",
  firstName: "Ada",
  lastName: "Analyst",
  profileName: "Standard User",
  roleName: "Sales Rep",
  permissionSets: ["Sales_Ops"],
  publicGroups: ["Sales_Team"],
  leadsSuccessor: "admin@orgplane-demo.com",
});

export const productionOrgId = production.orgId;
export const productionEdition = production.organizationType;
export const devhubUsername = devhub.username;
export const uatUsername = uat.username;
export const uatParent = uat.parentProductionUsername;
export const backupClientId = backup.clientId;
export const clinicId = clinic.id;
export const iicsSubOrgId = subOrg.orgId;
export const analystId = analyst.id;
export const analystProfileId = analyst.profileId;
