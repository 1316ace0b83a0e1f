import { kindClass } from "../core/kind";
import { sandboxSpec as spec } from "./schema";
import type { SandboxRegistrationArgs, SandboxRegistrationOutputs } from "./types.generated";

const kind = { backend: "sfp", type: "SandboxRegistration", spec };

/**
 * A sandbox registered by name (JIT): the sfp server reaches it through the registered production org's
 * credentials, so no sfdxAuthUrl is needed. The id is the sandbox username.
 */
export const SandboxRegistration = kindClass<SandboxRegistrationArgs, SandboxRegistrationOutputs>(kind);
export type SandboxRegistration = InstanceType<typeof SandboxRegistration>;
