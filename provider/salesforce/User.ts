import * as pulumi from "@pulumi/pulumi";
import { moduleName, resourceOptions, resourceProps, typeToken } from "../core/resource";
import { userSpec } from "./schema";
import provider = require("./stubs/User");
import type { UserArgs, UserOutputs } from "./types.generated";

export type { UserArgs, UserOutputs };

// The class gets its outputs, with their docs, from the generated UserOutputs.
export interface User extends UserOutputs {}

/**
 * A Salesforce user with its permission sets, public groups, licences and freeze state. The id is the User
 * id; a username change updates in place. Delete deactivates (users cannot be deleted). See
 * provider/salesforce/README.md.
 */
export class User extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("salesforce", "User");

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(userSpec, args),
      resourceOptions(userSpec, opts),
      moduleName("salesforce"),
      "User",
    );
  }
}
