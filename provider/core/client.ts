import { z } from "zod";
import { EnvFallback, resolveConnection } from "./connection";

/** Where a backend's credentials come from: its connection schema and the environment variables behind it. */
export interface ConnectionSource<C> {
  backend: string;
  schema: z.ZodType<C>;
  env: EnvFallback;
}

/**
 * A client's `static for`: the client for a resource's `connection` input, else the backend's environment
 * variables, resolved when the call is made (core/connection.ts).
 */
export function clientFactory<C, T>(source: ConnectionSource<C>, make: (connection: C) => T) {
  return (connectionInput: unknown): T =>
    make(resolveConnection(source.backend, source.schema, connectionInput, source.env));
}
