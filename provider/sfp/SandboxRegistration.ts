import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { moduleName, resourceOptions, resourceProps, ResourceArgs, typeToken } from "../core/resource";
import { registrationOutputKeys, sandboxInputs, sandboxSpec } from "./schema";
import provider = require("./stubs/SandboxRegistration");

export type SandboxRegistrationArgs = ResourceArgs<z.input<typeof sandboxInputs>>;

/**
 * A sandbox registered by name (JIT): the sfp server reaches it through the registered production org's
 * credentials, so no sfdxAuthUrl is needed. The id is the sandbox username.
 */
export class SandboxRegistration extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("sfp", "SandboxRegistration");

  declare readonly sandboxName: pulumi.Output<string>;
  declare readonly productionUsername: pulumi.Output<string>;
  declare readonly username: pulumi.Output<string>;
  declare readonly instanceUrl: pulumi.Output<string>;
  declare readonly orgId: pulumi.Output<string>;
  declare readonly organizationType: pulumi.Output<string>;
  declare readonly instanceName: pulumi.Output<string>;
  declare readonly isJitRegistration: pulumi.Output<boolean>;
  declare readonly parentProductionUsername: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;

  constructor(name: string, args: SandboxRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = ["username", "instanceUrl", ...registrationOutputKeys];
    super(
      provider,
      name,
      resourceProps(sandboxSpec, args, outputs),
      resourceOptions(sandboxSpec, opts),
      moduleName("sfp"),
      "SandboxRegistration",
    );
  }
}
