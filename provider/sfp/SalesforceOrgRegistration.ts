import { kindClass } from "../core/kind";
import { registrationSpec as spec } from "./schema";
import type { SalesforceOrgRegistrationArgs, SalesforceOrgRegistrationOutputs } from "./types.generated";

const kind = { backend: "sfp", type: "SalesforceOrgRegistration", spec };

/**
 * A Salesforce org registered on the flxbl sfp server. The id is the org username. Register is an upsert:
 * changes update in place, a new username replaces. See provider/sfp/README.md.
 */
export const SalesforceOrgRegistration = kindClass<
  SalesforceOrgRegistrationArgs,
  SalesforceOrgRegistrationOutputs
>(kind);
export type SalesforceOrgRegistration = InstanceType<typeof SalesforceOrgRegistration>;
