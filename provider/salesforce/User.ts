import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import { userInputs, userOutputKeys, userSpec } from "./schema";
import provider = require("./stubs/User");

export type UserArgs = ResourceArgs<z.input<typeof userInputs>>;

/**
 * A Salesforce user with its permission sets, public groups, licences and freeze state. The id is the User
 * id; a username change updates in place. Delete deactivates (users cannot be deleted). See
 * provider/salesforce/README.md.
 */
export class User extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("salesforce", "User");

  declare readonly username: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly firstName: pulumi.Output<string | undefined>;
  declare readonly lastName: pulumi.Output<string>;
  declare readonly alias: pulumi.Output<string>;
  declare readonly nickname: pulumi.Output<string | undefined>;
  declare readonly title: pulumi.Output<string | undefined>;
  declare readonly profileId: pulumi.Output<string>;
  declare readonly profileName: pulumi.Output<string>;
  declare readonly roleId: pulumi.Output<string | undefined>;
  declare readonly roleName: pulumi.Output<string | undefined>;
  declare readonly managerId: pulumi.Output<string | undefined>;
  declare readonly managerUsername: pulumi.Output<string | undefined>;
  declare readonly permissionSets: pulumi.Output<string[] | undefined>;
  declare readonly publicGroups: pulumi.Output<string[] | undefined>;
  declare readonly featureLicenses: pulumi.Output<string[] | undefined>;
  declare readonly permissionSetLicenses: pulumi.Output<string[] | undefined>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly frozen: pulumi.Output<boolean>;
  declare readonly customFields: pulumi.Output<Record<string, unknown> | undefined>;

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(userSpec, args, userOutputKeys),
      resourceOptions(userSpec, opts),
      moduleName("salesforce"),
      "User",
    );
  }
}
