import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { userSpec } from "./schema";
import provider = require("./stubs/User");
import type { UserArgs, UserOutputs } from "./types.generated";

const KIND = { provider, backend: "salesforce", type: "User", spec: userSpec };

export type { UserArgs, UserOutputs };

// The class gets its outputs, with their docs, from the generated UserOutputs.
export interface User extends UserOutputs {}

/**
 * A Salesforce user with its permission sets, public groups, licences and freeze state. The id is the User
 * id; a username change updates in place. Delete deactivates (users cannot be deleted). See
 * provider/salesforce/README.md.
 */
export class User extends KindResource {
  static readonly __pulumiType = typeToken("salesforce", "User");

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
