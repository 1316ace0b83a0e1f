import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import type { AccessNode } from "./wire";
import { organizationInputs, organizationOutputKeys, organizationSpec } from "./schema";
import provider = require("./stubs/Organization");

export type OrganizationArgs = ResourceArgs<z.input<typeof organizationInputs>>;

/**
 * A Commvault Salesforce organization: the Cloud Apps pseudo-client that backs up one Salesforce org. The id is
 * the clientId. Changes go through Modify; a new name, plan, company or resource-pool choice replaces.
 * See provider/commvault/README.md.
 */
export class Organization extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("commvault", "Organization");

  declare readonly organizationName: pulumi.Output<string>;
  declare readonly clientId: pulumi.Output<number>;
  declare readonly clientName: pulumi.Output<string>;
  declare readonly instanceId: pulumi.Output<number>;
  declare readonly backupsetId: pulumi.Output<number>;
  declare readonly planId: pulumi.Output<number>;
  declare readonly planName: pulumi.Output<string>;
  declare readonly companyId: pulumi.Output<number>;
  declare readonly companyName: pulumi.Output<string | undefined>;
  /** The access nodes as the server holds them, whoever put them there. */
  declare readonly memberServers: pulumi.Output<AccessNode[]>;
  declare readonly deletionPolicy: pulumi.Output<"retire" | "forceDelete">;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(organizationSpec, args, organizationOutputKeys),
      resourceOptions(organizationSpec, opts),
      moduleName("commvault"),
      "Organization",
    );
  }
}
