import { outputForm } from "../core/invoke";
import { lookupsOf } from "../core/lookup-args";
import { IicsClient, IicsOrg } from "./client";
import { lookups } from "./schema";
import type { IicsConnection } from "./types.generated";

/**
 * Lookups on IICS. Dynamic providers have no invoke, so these are plain async functions that run in the program.
 * `connection` defaults to IICS_LOGIN_URL, IICS_USERNAME and IICS_PASSWORD; they share the provider's session.
 * Arguments are checked (schema.ts `lookups`) before any call.
 */
export interface LookupOptions {
  connection?: IicsConnection;
}

const checked = lookupsOf("iics", lookups);

/** One organization by id or by name (the own org or a sub-org of it), or undefined when there is none. */
export const getOrganization = checked(
  "getOrganization",
  (
    args: ({ id: string; name?: never } | { name: string; id?: never }) & LookupOptions,
  ): Promise<IicsOrg | undefined> => {
    const client = IicsClient.for(args.connection);
    return args.id !== undefined ? client.getOrg(args.id) : client.getOrgByName(args.name!);
  },
);

/** The organization the connection logs in to (the parent), with its sub-organizations' ids and names. */
export const getParentOrganization = checked(
  "getParentOrganization",
  (args: LookupOptions = {}): Promise<IicsOrg> => IicsClient.for(args.connection).getOwnOrg(),
);

/** The ids and names of the parent's sub-organizations. */
export const listSubOrganizations = checked(
  "listSubOrganizations",
  async (args: LookupOptions = {}): Promise<{ id: string; name: string }[]> => {
    const parent = await IicsClient.for(args.connection).getOwnOrg();
    return (parent.subOrgs ?? []).map(({ id, name }) => ({ id, name }));
  },
);

// The `...Output` forms: Inputs in, an Output out (core outputForm).
export const getOrganizationOutput = outputForm(getOrganization);
export const getParentOrganizationOutput = outputForm(getParentOrganization);
export const listSubOrganizationsOutput = outputForm(listSubOrganizations);
