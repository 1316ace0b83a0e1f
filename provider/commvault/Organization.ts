import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { organizationSpec } from "./schema";
import provider = require("./stubs/Organization");
import type { OrganizationArgs, OrganizationOutputs } from "./types.generated";

const KIND = { provider, backend: "commvault", type: "Organization", spec: organizationSpec };

export type { OrganizationArgs, OrganizationOutputs };

// The class gets its outputs, with their docs, from the generated OrganizationOutputs.
export interface Organization extends OrganizationOutputs {}

/**
 * A Commvault Salesforce organization: the Cloud Apps pseudo-client that backs up one Salesforce org. The id is
 * the clientId. Changes go through Modify; a new name, plan, company or resource-pool choice replaces.
 * See provider/commvault/README.md.
 */
export class Organization extends KindResource {
  static readonly __pulumiType = typeToken("commvault", "Organization");

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
