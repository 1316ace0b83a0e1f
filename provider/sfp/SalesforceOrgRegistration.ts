import * as pulumi from "@pulumi/pulumi";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import { z } from "zod";
import { registrationInputs, registrationOutputKeys, RegistrationInputs, registrationSpec } from "./schema";
import provider = require("./stubs/SalesforceOrgRegistration");

export type SalesforceOrgRegistrationArgs = ResourceArgs<z.input<typeof registrationInputs>>;

/**
 * A Salesforce org registered on the flxbl sfp server. The id is the org username. Register is an upsert:
 * changes update in place, a new username replaces. See provider/sfp/README.md.
 */
export class SalesforceOrgRegistration extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("sfp", "SalesforceOrgRegistration");

  declare readonly username: pulumi.Output<string>;
  declare readonly instanceUrl: pulumi.Output<string>;
  declare readonly isDevHub: pulumi.Output<boolean>;
  declare readonly isDefault: pulumi.Output<boolean>;
  declare readonly metadata: pulumi.Output<Record<string, string | number | boolean>>;
  declare readonly orgId: pulumi.Output<string>;
  declare readonly organizationType: pulumi.Output<string>;
  declare readonly instanceName: pulumi.Output<string>;
  declare readonly isJitRegistration: pulumi.Output<boolean>;
  declare readonly parentProductionUsername: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;

  constructor(name: string, args: SalesforceOrgRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = ["username", "instanceUrl", ...registrationOutputKeys];
    super(
      provider,
      name,
      resourceProps(registrationSpec, args, outputs),
      resourceOptions(registrationSpec, opts),
      moduleName("sfp"),
      "SalesforceOrgRegistration",
    );
  }
}

export type { RegistrationInputs };
