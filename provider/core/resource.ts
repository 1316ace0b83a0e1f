import * as pulumi from "@pulumi/pulumi";
import { markPrototypes } from "./check";
import { connectionConfig, STACK_CONFIG } from "./connection";
import { InputSpec } from "./diff";
import { topLevelKeys } from "./schema";

/** The dynamic type token of a kind: `pulumi-nodejs:dynamic/orgplane/<backend>:<Kind>`. */
export const typeToken = (backend: string, kind: string) =>
  `pulumi-nodejs:dynamic/orgplane/${backend}:${kind}`;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `value` with the fields at `paths` (relative, split) made secret. Inside a plain object only those fields are,
 * so a preview still shows its other fields; a value orgplane cannot look into (an Output) is secret as a whole.
 */
function withSecretFields(value: pulumi.Input<unknown>, paths: string[][]): pulumi.Input<unknown> {
  if (value === undefined || paths.length === 0) return value;
  if (paths.some((path) => path.length === 0) || !isPlainObject(value)) return pulumi.secret(value);
  const out: Record<string, unknown> = { ...value };
  for (const key of new Set(paths.map((path) => path[0]))) {
    if (out[key] === undefined) continue;
    const rest = paths.filter((path) => path[0] === key).map((path) => path.slice(1));
    out[key] = withSecretFields(out[key], rest);
  }
  return out;
}

/**
 * The outputs a kind's resources have: every input but the credentials (state keeps only their hashes, or
 * keeps them encrypted for orgplane alone), then what the API reports. The generated `<Kind>Outputs` lists these.
 */
export function outputNames(spec: InputSpec): string[] {
  const inputs = spec.keys.filter((key) => !spec.fields.get(key)?.secret);
  return [...new Set([...inputs, ...(spec.outputs ? topLevelKeys(spec.outputs) : [])])];
}

/**
 * Resource props: every credential field is wrapped in a Pulumi secret (whatever the user passed), only the
 * credential in an object that also holds plain fields; every output is seeded, so the resource has it even
 * when its input is unset. `__proto__` keys and prototypes are marked for check to refuse.
 */
export function resourceProps(spec: InputSpec, args: object): pulumi.Inputs {
  const secretPaths = [...spec.fields].filter(([, meta]) => meta.secret).map(([path]) => path.split("."));
  const props = withSecretFields({ ...markPrototypes(args as pulumi.Inputs) }, secretPaths) as pulumi.Inputs;
  for (const key of outputNames(spec)) if (!(key in props)) props[key] = undefined;
  const config = recordedConfig(spec, props);
  if (config) props[STACK_CONFIG] = config;
  return props;
}

/**
 * Without a `connection` input, the stack config keys of the kind's backend that are set (`orgplane:...`), as
 * one secret: recorded in state so that refresh and destroy, which run without the program, have them.
 */
function recordedConfig(spec: InputSpec, props: pulumi.Inputs): pulumi.Output<unknown> | undefined {
  const env = spec.fields.get("connection")?.connectionEnv;
  if (!env || props.connection !== undefined) return undefined;
  const config = connectionConfig(env);
  return Object.keys(config).length > 0 ? pulumi.secret(config) : undefined;
}

/** Resource options with the kind's secret outputs merged in, so users cannot forget them. */
export function resourceOptions(
  spec: InputSpec,
  opts: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  const additionalSecretOutputs = [
    ...new Set([...(opts.additionalSecretOutputs ?? []), ...spec.secretOutputs, STACK_CONFIG]),
  ];
  return { ...opts, additionalSecretOutputs };
}
