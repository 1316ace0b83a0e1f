import { typeToken } from "../provider/core/resource";

/** The type tokens of every orgplane kind the policies look at. */
export const kinds = {
  sfpRegistration: typeToken("sfp", "SalesforceOrgRegistration"),
  sfpSandbox: typeToken("sfp", "SandboxRegistration"),
  commvaultOrganization: typeToken("commvault", "Organization"),
  commvaultBinding: typeToken("commvault", "AccessNodeBinding"),
  salesforceUser: typeToken("salesforce", "User"),
  biotOrganization: typeToken("biot", "Organization"),
  iicsOrganization: typeToken("iics", "Organization"),
} as const;

const PREFIX = "pulumi-nodejs:dynamic/orgplane/";

/** `sfp.SalesforceOrgRegistration "prod"`: how messages name a resource. */
export function label(type: string, name: string): string {
  const kind = type.startsWith(PREFIX) ? type.slice(PREFIX.length).replace(":", ".") : type;
  return `${kind} "${name}"`;
}
