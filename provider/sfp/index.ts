export { SalesforceOrgRegistration } from "./SalesforceOrgRegistration";
export type { SalesforceOrgRegistrationArgs } from "./SalesforceOrgRegistration";
export { SandboxRegistration } from "./SandboxRegistration";
export type { SandboxRegistrationArgs } from "./SandboxRegistration";
export { listOrgs, getOrg, testConnection, getFrontdoorUrl } from "./functions";
export type { SfpOrg, ConnectionTest } from "./client";
export { listOrgsOutput, getOrgOutput, testConnectionOutput, getFrontdoorUrlOutput } from "./functions";
