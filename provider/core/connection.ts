import { AsyncLocalStorage } from "node:async_hooks";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OrgplaneError } from "./errors";
import { registerSecrets } from "./redact";
import { Rule, withRules } from "./rules";
import { field, kindInputsWith, metaOf } from "./schema";
import { baseUrl } from "./validators";

/** Maps a connection field to the environment variable it falls back to. */
export type EnvFallback = Record<string, string>;

/** The stack config namespace of the connection keys: `orgplane:sfpServerToken`. */
export const CONFIG_NAMESPACE = "orgplane";
/** The state key that records the connection keys of the stack config a resource was deployed with. */
export const STACK_CONFIG = "stackConfig";

/** The stack config key of an environment variable: SFP_SERVER_TOKEN -> sfpServerToken. */
export const configKey = (variable: string) =>
  variable.toLowerCase().replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());

const nonEmpty = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

/** Inside a provider operation: the stack config its state recorded. Absent in the program. */
const recorded = new AsyncLocalStorage<Record<string, string>>();

const isStringMap = (value: unknown): value is Record<string, string> =>
  !!value &&
  typeof value === "object" &&
  Object.values(value as object).every((entry) => typeof entry === "string");

/**
 * Runs a provider operation with the stack config that `values` (inputs or state) recorded at the last `up`:
 * refresh and destroy run without the program, so this is the config they have.
 */
export function withRecordedConfig<T>(values: Record<string, unknown> | undefined, run: () => Promise<T>) {
  const config = values?.[STACK_CONFIG];
  return recorded.run(isStringMap(config) ? config : {}, run);
}

/** The stack config keys set for these variables: the recorded ones in an operation, the program's otherwise. */
export function connectionConfig(env: EnvFallback): Record<string, string> {
  const inOperation = recorded.getStore();
  // The program's config, parsed once per call (each `Config.get` parses all of it again).
  const live = inOperation ? undefined : pulumi.runtime.allConfig();
  const entries = Object.values(env).map((variable) => {
    const key = configKey(variable);
    return [key, nonEmpty(inOperation ? inOperation[key] : live?.[`${CONFIG_NAMESPACE}:${key}`])] as const;
  });
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/**
 * The credentials for a call, resolved when the call is made: the resource's `connection` input; else, field by
 * field, the environment variable, then the stack config key (in a provider operation, as the last `up`
 * recorded it). So refresh and destroy work without the program, and a rotated token in the environment is
 * picked up.
 */
export function resolveConnection<C>(
  backend: string,
  schema: z.ZodType<C>,
  input: unknown,
  env: EnvFallback,
): C {
  const fromInput = input !== undefined && input !== null;
  const config = fromInput ? {} : connectionConfig(env);
  const source = fromInput
    ? input
    : Object.fromEntries(
        Object.entries(env)
          .map(([fieldName, variable]) => {
            const value = nonEmpty(process.env[variable]) ?? config[configKey(variable)];
            return [fieldName, value] as const;
          })
          .filter(([, value]) => value !== undefined),
      );
  registerSecrets(source);
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const where = fromInput ? "the `connection` input" : "the environment or stack config";
  const fromEnv = !fromInput;
  const problems = parsed.error.issues
    .map((i) => {
      const fieldName = i.path.join(".");
      const variable = env[fieldName];
      if (fromEnv && variable && process.env[variable] === "" && !config[configKey(variable)])
        return `${variable} is empty`;
      const empty = Object.values(env).filter((v) => process.env[v] === "");
      if (fromEnv && !fieldName && empty.length > 0)
        return `${i.message} (${empty.map((v) => `${v} is empty`).join(", ")})`;
      const names = variable && fromEnv ? ` (${variable}, ${CONFIG_NAMESPACE}:${configKey(variable)})` : "";
      // A dash, not a colon: redaction reads "token: <text>" as a credential and would take the reason.
      return `${fieldName || "connection"}${names} — ${i.message}`;
    })
    .join("; ");
  const keys = Object.values(env).map((variable) => `${CONFIG_NAMESPACE}:${configKey(variable)}`);
  throw new OrgplaneError(
    `${backend}: no usable connection in ${where} (${problems}). Set the resource's \`connection\` input, ` +
      `the environment variables ${Object.values(env).join(", ")}, or the stack config ${keys.join(", ")}.`,
  );
}

/** A connection field that falls back to this environment variable (and its stack config key). */
export const fromEnv = <T extends z.ZodType>(variable: string, schema: T): T =>
  field(schema, { envVariable: variable });

/** An optional connection field of non-empty text (a user, a password, a token) from this variable. */
export const connectionText = (variable: string, description: string) =>
  fromEnv(variable, z.string().min(1).optional().describe(description));

/** The API's root URL in a connection (http or https, no trailing slash), from this variable. */
export const connectionUrl = (variable: string, description: string) =>
  fromEnv(variable, baseUrl().describe(description));

/**
 * A backend's connection, declared once: its fields (each `fromEnv`) and its sign-in rules. Gives its schema,
 * the variables behind it, the source clients resolve it from, and `kindInputs` (the kinds' inputs with it).
 */
export function backendConnection<S extends z.ZodRawShape>(
  backend: string,
  shape: S,
  options: { rules?: Rule[]; help: string },
) {
  const object = z.strictObject(shape);
  const connectionSchema = options.rules ? withRules(object, options.rules) : object;
  const connectionEnv: EnvFallback = {};
  for (const [key, schema] of Object.entries(shape)) {
    const variable = metaOf(schema as z.ZodType).meta.envVariable;
    if (!variable)
      throw new Error(`${backend}: connection field ${key} has no environment variable (fromEnv)`);
    connectionEnv[key] = variable;
  }
  return {
    connectionSchema,
    connectionEnv,
    connectionSource: { backend, schema: connectionSchema, env: connectionEnv },
    kindInputs: kindInputsWith(connectionSchema, connectionEnv, options.help),
  };
}
