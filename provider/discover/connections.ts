import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { z } from "zod";
import { OrgplaneError, resolveConnection } from "../core";
import {
  CONFIG_NAMESPACE,
  configKey,
  connectionConfig,
  STACK_CONFIG,
  withRecordedConfig,
} from "../core/connection";
import * as biot from "../biot/schema";
import * as commvault from "../commvault/schema";
import * as iics from "../iics/schema";
import * as salesforce from "../salesforce/schema";
import * as sfp from "../sfp/schema";
import { Backend } from "./inventory";

const SETTINGS: Record<Backend, { schema: z.ZodType; env: Record<string, string> }> = {
  sfp: { schema: sfp.connectionSchema, env: sfp.connectionEnv },
  commvault: { schema: commvault.connectionSchema, env: commvault.connectionEnv },
  salesforce: { schema: salesforce.connectionSchema, env: salesforce.connectionEnv },
  biot: { schema: biot.connectionSchema, env: biot.connectionEnv },
  iics: { schema: iics.connectionSchema, env: iics.connectionEnv },
};

/** A `connection` input for discovery: none, so each field comes from the environment, then the stack config. */
export function configuredConnection(_backend: Backend): unknown {
  return undefined;
}

/** The `orgplane:*` keys of a stack's config (secrets decrypted in memory), read with the Automation API. */
export async function stackConnectionConfig(stack: string, cwd: string): Promise<Record<string, string>> {
  const workspace = await LocalWorkspace.create({ workDir: cwd });
  const all = await workspace.getAllConfig(stack).catch((e: Error) => {
    throw new OrgplaneError(`cannot read the config of stack "${stack}" (pulumi config): ${e.message}`);
  });
  const prefix = `${CONFIG_NAMESPACE}:`;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, item]) => [key.slice(prefix.length), item.value]),
  );
}

/**
 * Runs discovery with a stack's connection config, resolved as the resources resolve it (core/connection.ts):
 * per field, the environment variable wins, then the stack config key.
 */
export const withStackConfig = <T>(config: Record<string, string>, run: () => Promise<T>) =>
  withRecordedConfig({ [STACK_CONFIG]: config }, run);

/** The environment variables a backend's connection reads. */
export const variablesOf = (backend: Backend) => [...new Set(Object.values(SETTINGS[backend].env))];

/** Whether the backend has credentials at all: stack config, or one of its environment variables set. */
export function hasCredentials(backend: Backend): boolean {
  return (
    configuredConnection(backend) !== undefined ||
    variablesOf(backend).some((name) => !!process.env[name]) ||
    Object.keys(connectionConfig(SETTINGS[backend].env)).length > 0
  );
}

/** The backend's connection, checked before any call: a clear error names what is missing. */
export function checkConnection(backend: Backend): void {
  if (!hasCredentials(backend)) {
    throw new OrgplaneError(
      `${backend}: no credentials. Set the environment variables ${variablesOf(backend).join(", ")}, or the ` +
        `stack config keys ${variablesOf(backend)
          .map((v) => `${CONFIG_NAMESPACE}:${configKey(v)}`)
          .join(", ")} ` +
        `of the stack named by --config-stack.`,
    );
  }
  const { schema, env } = SETTINGS[backend];
  resolveConnection(backend, schema, configuredConnection(backend), env);
}
