import * as pulumi from "@pulumi/pulumi";
import { biot, commvault, iics, salesforce, sfp } from "orgplane";

// Every backend's server and credentials come from the `orgplane:*` stack config (see orgplane's README), so no
// resource below has a `connection` input. The other secrets are this program's own config.
const config = new pulumi.Config();

// A Salesforce org registered on the sfp server.
const production = new sfp.SalesforceOrgRegistration("production", {
  sfdxAuthUrl: config.requireSecret("productionAuthUrl"),
  metadata: { environment: "production", owner: "platform-team" },
});

// A Commvault backup client for that org.
const backup = new commvault.Organization("production-backup", {
  organizationName: `${pulumi.getProject()}-production`,
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: {
    authentication: "password",
    userName: "backup@example.com",
    password: config.requireSecret("backupUserPassword"),
    consumerId: "3MVG9-example",
    consumerSecret: config.requireSecret("backupConsumerSecret"),
  },
  downloadCachePath: "/var/cache/salesforce",
});

// A user in the org that `orgplane:sfAuthUrl` signs in to.
const analyst = new salesforce.User("analyst", {
  username: "analyst@example.com",
  email: "analyst@example.com",
  firstName: "Ada",
  lastName: "Analyst",
  profileName: "Standard User",
});

// A BioT organization made from a template.
const clinic = new biot.Organization("clinic", {
  name: `${pulumi.getProject()} clinic`,
  templateName: "Clinic",
  timezone: "America/New_York",
  locale: "en-us",
  primaryAdministrator: {
    email: "admin@example.com",
    name: { firstName: "Ada", lastName: "Admin" },
    mfa: { enabled: true, expirationInMinutes: 30 },
  },
});

// An Informatica IICS sub-organization of the parent organization that `orgplane:iicsUsername` administers.
const subOrg = new iics.Organization("iics-suborg", {
  name: `${pulumi.getProject()} sub-org`,
  address1: "1 Example Way",
  city: "Baltimore",
  state: "MD",
  zipcode: "21201",
  country: "US",
  employees: "11_25",
  admin: {
    username: "admin@iics.example.com",
    password: config.requireSecret("iicsAdminPassword"),
    firstName: "Ada",
    lastName: "Admin",
  },
});

export const productionOrgId = production.orgId;
export const backupClientId = backup.clientId;
export const analystId = analyst.id;
export const clinicId = clinic.id;
export const iicsSubOrgId = subOrg.orgId;
