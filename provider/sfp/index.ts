export { SalesforceOrgRegistration } from "./SalesforceOrgRegistration";
export type { SalesforceOrgRegistrationArgs, SalesforceOrgRegistrationOutputs } from "./types.generated";
export { SandboxRegistration } from "./SandboxRegistration";
export type { SandboxRegistrationArgs, SandboxRegistrationOutputs } from "./types.generated";
export type { SfpConnection } from "./types.generated";
export { listOrgs, getOrg, testConnection, getFrontdoorUrl } from "./functions";
export type { SfpOrg, ConnectionTest } from "./client";
export { listOrgsOutput, getOrgOutput, testConnectionOutput, getFrontdoorUrlOutput } from "./functions";
