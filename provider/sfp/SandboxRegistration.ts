import * as pulumi from "@pulumi/pulumi";
import { moduleName, resourceOptions, resourceProps, typeToken } from "../core/resource";
import { sandboxSpec } from "./schema";
import provider = require("./stubs/SandboxRegistration");
import type { SandboxRegistrationArgs, SandboxRegistrationOutputs } from "./types.generated";

export type { SandboxRegistrationArgs, SandboxRegistrationOutputs };

// The class gets its outputs, with their docs, from the generated SandboxRegistrationOutputs.
export interface SandboxRegistration extends SandboxRegistrationOutputs {}

/**
 * A sandbox registered by name (JIT): the sfp server reaches it through the registered production org's
 * credentials, so no sfdxAuthUrl is needed. The id is the sandbox username.
 */
export class SandboxRegistration extends pulumi.dynamic.Resource {
  static readonly __pulumiType = typeToken("sfp", "SandboxRegistration");

  constructor(name: string, args: SandboxRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(sandboxSpec, args),
      resourceOptions(sandboxSpec, opts),
      moduleName("sfp"),
      "SandboxRegistration",
    );
  }
}
