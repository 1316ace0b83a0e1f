import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { sandboxSpec } from "./schema";
import provider = require("./stubs/SandboxRegistration");
import type { SandboxRegistrationArgs, SandboxRegistrationOutputs } from "./types.generated";

const KIND = { provider, backend: "sfp", type: "SandboxRegistration", spec: sandboxSpec };

export type { SandboxRegistrationArgs, SandboxRegistrationOutputs };

// The class gets its outputs, with their docs, from the generated SandboxRegistrationOutputs.
export interface SandboxRegistration extends SandboxRegistrationOutputs {}

/**
 * A sandbox registered by name (JIT): the sfp server reaches it through the registered production org's
 * credentials, so no sfdxAuthUrl is needed. The id is the sandbox username.
 */
export class SandboxRegistration extends KindResource {
  static readonly __pulumiType = typeToken("sfp", "SandboxRegistration");

  constructor(name: string, args: SandboxRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
