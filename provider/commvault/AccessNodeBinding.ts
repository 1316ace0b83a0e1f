import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import { bindingInputs, bindingOutputKeys, bindingSpec } from "./schema";
import provider = require("./stubs/AccessNodeBinding");

export type AccessNodeBindingArgs = ResourceArgs<z.input<typeof bindingInputs>>;

/**
 * One access node (a server or a server group) in an organization's list, for organizations that do not
 * declare `accessNodes` themselves. The id is `<organizationId>/client/<id>` or `<organizationId>/clientGroup/<id>`.
 */
export class AccessNodeBinding extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("commvault", "AccessNodeBinding");

  declare readonly organizationId: pulumi.Output<string>;
  declare readonly nodeType: pulumi.Output<"client" | "clientGroup">;
  declare readonly nodeId: pulumi.Output<number>;
  declare readonly nodeName: pulumi.Output<string>;
  declare readonly instanceId: pulumi.Output<number>;
  declare readonly backupsetId: pulumi.Output<number>;

  constructor(name: string, args: AccessNodeBindingArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(bindingSpec, args, bindingOutputKeys),
      resourceOptions(bindingSpec, opts),
      moduleName("commvault"),
      "AccessNodeBinding",
    );
  }
}
