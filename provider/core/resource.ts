import * as pulumi from "@pulumi/pulumi";
import { InputSpec } from "./diff";

/** Resource args: each input may be a Pulumi Input, nested values too. */
export type DeepInput<T> = T extends (infer U)[]
  ? pulumi.Input<DeepInput<U>[]>
  : T extends Record<string, unknown>
    ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
    : pulumi.Input<T>;
export type ResourceArgs<T> = { [K in keyof T]: DeepInput<T[K]> };

/** The dynamic type token of a kind: `pulumi-nodejs:dynamic/orgplane/<backend>:<Kind>`. */
export const typeToken = (backend: string, kind: string) =>
  `pulumi-nodejs:dynamic/orgplane/${backend}:${kind}`;
export const moduleName = (backend: string) => `orgplane/${backend}`;

/**
 * Resource props: every input that holds a credential is wrapped in a Pulumi secret (whatever the user passed),
 * and output keys are seeded so the engine fills them.
 */
export function resourceProps(spec: InputSpec, args: object, outputKeys: readonly string[]): pulumi.Inputs {
  const props: pulumi.Inputs = { ...(args as pulumi.Inputs) };
  const secretRoots = new Set(
    [...spec.fields].filter(([, meta]) => meta.secret).map(([path]) => path.split(".")[0]),
  );
  for (const root of secretRoots) if (props[root] !== undefined) props[root] = pulumi.secret(props[root]);
  for (const key of outputKeys) if (!(key in props)) props[key] = undefined;
  return props;
}

/** Resource options with the kind's secret outputs merged in, so users cannot forget them. */
export function resourceOptions(
  spec: InputSpec,
  opts: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  const additionalSecretOutputs = [
    ...new Set([...(opts.additionalSecretOutputs ?? []), ...spec.secretOutputs]),
  ];
  return { ...opts, additionalSecretOutputs };
}
