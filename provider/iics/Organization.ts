import * as pulumi from "@pulumi/pulumi";
import provider = require("./stubs/Organization");
import { z } from "zod";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import {
  EMPLOYEE_RANGES,
  ORG_FIELDS,
  organizationInputs,
  OrganizationInputs,
  organizationOutputKeys,
  organizationSpec,
} from "./schema";

export type OrganizationArgs = ResourceArgs<z.input<typeof organizationInputs>>;

/**
 * An Informatica IICS sub-organization and its first administrator, registered under the parent org the
 * connection logs in to. The id is the org id. Org fields update in place; the admin is create-only (a change
 * fails the preview).
 * See provider/iics/README.md.
 */
export class Organization extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("iics", "Organization");

  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly address1: pulumi.Output<string>;
  declare readonly address2: pulumi.Output<string | undefined>;
  declare readonly address3: pulumi.Output<string | undefined>;
  declare readonly city: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string | undefined>;
  declare readonly zipcode: pulumi.Output<string | undefined>;
  declare readonly country: pulumi.Output<string>;
  declare readonly timezone: pulumi.Output<string>;
  declare readonly employees: pulumi.Output<(typeof EMPLOYEE_RANGES)[number]>;
  declare readonly offerCode: pulumi.Output<string | undefined>;
  declare readonly successEmails: pulumi.Output<string | undefined>;
  declare readonly warningEmails: pulumi.Output<string | undefined>;
  declare readonly errorEmails: pulumi.Output<string | undefined>;
  declare readonly passwordReuseInDays: pulumi.Output<number>;
  declare readonly passwordExpirationInDays: pulumi.Output<number>;
  /** The org id (also the resource id). */
  declare readonly orgId: pulumi.Output<string>;
  declare readonly orgUuid: pulumi.Output<string>;
  declare readonly parentOrgId: pulumi.Output<string>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly updateTime: pulumi.Output<string>;
  declare readonly createdBy: pulumi.Output<string>;
  declare readonly updatedBy: pulumi.Output<string>;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(organizationSpec, args, [...ORG_FIELDS, ...organizationOutputKeys]),
      resourceOptions(organizationSpec, opts),
      moduleName("iics"),
      "Organization",
    );
  }
}

export type { OrganizationInputs };
