import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { registrationSpec } from "./schema";
import provider = require("./stubs/SalesforceOrgRegistration");
import type { SalesforceOrgRegistrationArgs, SalesforceOrgRegistrationOutputs } from "./types.generated";

const KIND = { provider, backend: "sfp", type: "SalesforceOrgRegistration", spec: registrationSpec };

export type { SalesforceOrgRegistrationArgs, SalesforceOrgRegistrationOutputs };

// The class gets its outputs, with their docs, from the generated SalesforceOrgRegistrationOutputs.
export interface SalesforceOrgRegistration extends SalesforceOrgRegistrationOutputs {}

/**
 * A Salesforce org registered on the flxbl sfp server. The id is the org username. Register is an upsert:
 * changes update in place, a new username replaces. See provider/sfp/README.md.
 */
export class SalesforceOrgRegistration extends KindResource {
  static readonly __pulumiType = typeToken("sfp", "SalesforceOrgRegistration");

  constructor(name: string, args: SalesforceOrgRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
