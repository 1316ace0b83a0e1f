import { outputForm } from "../core/invoke";
import { lookupsOf } from "../core/lookup-args";
import { SfpClient, SfpOrg, ConnectionTest } from "./client";
import { lookups } from "./schema";
import type { SfpConnection } from "./types.generated";

/**
 * Lookups on the sfp server. Dynamic providers have no invoke, so these are plain async functions that run in
 * the program. `connection` defaults to SFP_SERVER_URL and SFP_SERVER_TOKEN. Arguments are checked (schema.ts
 * `lookups`) before any call.
 */
export interface LookupOptions {
  connection?: SfpConnection;
}

const checked = lookupsOf("sfp", lookups);

/** Registered orgs, optionally filtered by type, DevHub flag and metadata. */
export const listOrgs = checked(
  "listOrgs",
  (
    args: { type?: string; devhub?: boolean; metadata?: Record<string, string> } & LookupOptions = {},
  ): Promise<SfpOrg[]> => {
    const { connection, ...filter } = args;
    return SfpClient.for(connection).listOrgs(filter);
  },
);

/** One registration, or undefined. `authType` asks for credentials (owner and application tokens only). */
export const getOrg = checked(
  "getOrg",
  (
    args: { username: string; authType?: "accessToken" | "sfdxAuthUrl" } & LookupOptions,
  ): Promise<SfpOrg | undefined> => SfpClient.for(args.connection).getOrg(args.username, args.authType),
);

/** Whether the stored credentials of a registered org still work. */
export const testConnection = checked(
  "testConnection",
  (args: { username: string } & LookupOptions): Promise<ConnectionTest> =>
    SfpClient.for(args.connection).testConnection(args.username),
);

/** A one-time login URL for a registered org, sandbox or pool instance. It carries a session: treat as secret. */
export const getFrontdoorUrl = checked(
  "getFrontdoorUrl",
  (args: { target: string; repository?: string; prodOrg?: string } & LookupOptions): Promise<string> => {
    const { connection, ...query } = args;
    return SfpClient.for(connection).frontdoorUrl(query);
  },
);

// The `...Output` forms: Inputs in, an Output out (core outputForm).
export const listOrgsOutput = outputForm(listOrgs);
export const getOrgOutput = outputForm(getOrg, { secret: true });
export const testConnectionOutput = outputForm(testConnection);
export const getFrontdoorUrlOutput = outputForm(getFrontdoorUrl, { secret: true });
