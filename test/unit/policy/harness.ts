import {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { kinds, orgplanePolicies, OrgplanePolicyConfig } from "../../../policy/policies";

/** The engine's unknown value, as a preview sends it for outputs of resources still to be created. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export { kinds };

const urnOf = (type: string, name: string) => `urn:pulumi:test::unit::${type}::${name}`;

export function policyNamed(name: string, config: OrgplanePolicyConfig = {}) {
  const policy = orgplanePolicies(config).find((p) => p.name === name);
  if (!policy) throw new Error(`no policy ${name}`);
  return policy;
}

/** Hand-built ResourceValidationArgs, with props behind the SDK's unknown-checking proxy as in a real run. */
export function resourceArgs(
  type: string,
  name: string,
  props: Record<string, unknown>,
  config: object = {},
): ResourceValidationArgs {
  const proxied = unknownCheckingProxy(props);
  const isType = (cls: { __pulumiType?: string }) => cls.__pulumiType === type;
  return {
    type,
    name,
    urn: urnOf(type, name),
    props: proxied,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: isType as ResourceValidationArgs["isType"],
    asType: ((cls: { __pulumiType?: string }) =>
      isType(cls) ? proxied : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

/** The messages a resource policy reports for one resource. */
export async function resourceViolations(
  policyName: string,
  type: string,
  props: Record<string, unknown>,
  options: { config?: OrgplanePolicyConfig; packConfig?: object; name?: string } = {},
): Promise<string[]> {
  const policy = policyNamed(policyName, options.config) as ResourceValidationPolicy;
  const args = resourceArgs(type, options.name ?? "it", props, options.packConfig);
  return runValidation(policy, args);
}

export async function runValidation(policy: ResourceValidationPolicy, args: ResourceValidationArgs) {
  const messages: string[] = [];
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) await validate(args, (message) => messages.push(message));
  return messages;
}

/** A stack resource; `deps` are property dependencies by input name. */
export function stackResource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  deps: Record<string, PolicyResource[]> = {},
): PolicyResource {
  return {
    type,
    name,
    urn: urnOf(type, name),
    props: unknownCheckingProxy(props),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    dependencies: Object.values(deps).flat(),
    propertyDependencies: deps,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

/** The violations (message and urn) a stack policy reports. */
export async function stackViolations(
  policyName: string,
  resources: PolicyResource[],
  options: { config?: OrgplanePolicyConfig; packConfig?: object } = {},
): Promise<{ message: string; urn?: string }[]> {
  const policy = policyNamed(policyName, options.config) as StackValidationPolicy;
  const found: { message: string; urn?: string }[] = [];
  await policy.validateStack(
    {
      resources,
      stackTags: new Map(),
      getConfig: <T extends object>() => (options.packConfig ?? {}) as T,
      notApplicable: (reason?: string): never => {
        throw new Error(`not applicable: ${reason}`);
      },
    },
    (message, urn) => found.push(urn ? { message, urn } : { message }),
  );
  return found;
}
