import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { bindingSpec } from "./schema";
import provider = require("./stubs/AccessNodeBinding");
import type { AccessNodeBindingArgs, AccessNodeBindingOutputs } from "./types.generated";

const KIND = { provider, backend: "commvault", type: "AccessNodeBinding", spec: bindingSpec };

export type { AccessNodeBindingArgs, AccessNodeBindingOutputs };

// The class gets its outputs, with their docs, from the generated AccessNodeBindingOutputs.
export interface AccessNodeBinding extends AccessNodeBindingOutputs {}

/**
 * One access node (a server or a server group) in an organization's list, for organizations that do not
 * declare `accessNodes` themselves. The id is `<organizationId>/client/<id>` or `<organizationId>/clientGroup/<id>`.
 */
export class AccessNodeBinding extends KindResource {
  static readonly __pulumiType = typeToken("commvault", "AccessNodeBinding");

  constructor(name: string, args: AccessNodeBindingArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
