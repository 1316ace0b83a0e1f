import { kindClass } from "../core/kind";
import { organizationSpec as spec } from "./schema";
import type { OrganizationArgs, OrganizationOutputs } from "./types.generated";

const kind = { backend: "commvault", type: "Organization", spec };

/**
 * A Commvault Salesforce organization: the Cloud Apps pseudo-client that backs up one Salesforce org. The id is
 * the clientId. Changes go through Modify; a new name, plan, company or resource-pool choice replaces.
 * See provider/commvault/README.md.
 */
export const Organization = kindClass<OrganizationArgs, OrganizationOutputs>(kind);
export type Organization = InstanceType<typeof Organization>;
