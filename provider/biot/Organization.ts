import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import { organizationInputs, OrganizationInputs, organizationOutputKeys, organizationSpec } from "./schema";
import provider = require("./stubs/Organization");

export type OrganizationArgs = ResourceArgs<z.input<typeof organizationInputs>>;

/**
 * A BioT organization with its primary administrator. The id is the organization's uuid. Fields update in
 * place with PATCH; a template change replaces (delete first: names are unique); the administrator is
 * create-only. See provider/biot/README.md.
 */
export class Organization extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("biot", "Organization");

  declare readonly name: pulumi.Output<string>;
  declare readonly templateId: pulumi.Output<string | undefined>;
  declare readonly templateName: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly headquarters: pulumi.Output<OrganizationInputs["headquarters"]>;
  declare readonly locale: pulumi.Output<string | undefined>;
  declare readonly phone: pulumi.Output<string | undefined>;
  declare readonly timezone: pulumi.Output<string | undefined>;
  declare readonly primaryAdministrator: pulumi.Output<OrganizationInputs["primaryAdministrator"]>;
  declare readonly customAttributes: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly template: pulumi.Output<{ id?: string; name?: string; displayName?: string }>;
  declare readonly primaryAdministratorId: pulumi.Output<string>;
  declare readonly ownerOrganizationId: pulumi.Output<string>;
  declare readonly creationTime: pulumi.Output<string>;
  declare readonly lastModifiedTime: pulumi.Output<string>;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(organizationSpec, args, organizationOutputKeys),
      resourceOptions(organizationSpec, opts),
      moduleName("biot"),
      "Organization",
    );
  }
}

export type { OrganizationInputs };
