import { z } from "zod";
import { OrgplaneError, resolveConnection } from "../core";
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

/**
 * The connection stack configuration gives a backend, when it gives one. HOOK: stack config keys for
 * connections (`orgplane:<backend>...`) are being added beside the resources; once they exist, read them here
 * (the resources and discovery then agree on the order: stack config, then environment variables). Until then
 * discovery, like the resources, reads the environment.
 */
export function configuredConnection(_backend: Backend): unknown {
  return undefined;
}

/** The environment variables a backend's connection reads. */
export const variablesOf = (backend: Backend) => [...new Set(Object.values(SETTINGS[backend].env))];

/** Whether the backend has credentials at all: stack config, or one of its environment variables set. */
export function hasCredentials(backend: Backend): boolean {
  return (
    configuredConnection(backend) !== undefined || variablesOf(backend).some((name) => !!process.env[name])
  );
}

/** The backend's connection, checked before any call: a clear error names what is missing. */
export function checkConnection(backend: Backend): void {
  if (!hasCredentials(backend)) {
    throw new OrgplaneError(
      `${backend}: no credentials. Set the environment variables ${variablesOf(backend).join(", ")}.`,
    );
  }
  const { schema, env } = SETTINGS[backend];
  resolveConnection(backend, schema, configuredConnection(backend), env);
}
