import { outputForm } from "../core/invoke";
import { lookupsOf } from "../core/lookup-args";
import { BiotClient, BiotOrganization, BiotSearchRequest, BiotSearchResponse } from "./client";
import { lookups } from "./schema";
import type { BiotConnection } from "./types.generated";

/**
 * Lookups on BioT's Organization service. Dynamic providers have no invoke, so these are plain async functions
 * that run in the program. `connection` defaults to BIOT_URL with the service user or username variables.
 * (The extracted contract has no template endpoints: templates live in BioT's settings service.) Arguments are
 * checked (schema.ts `lookups`) before any call.
 */
export interface LookupOptions {
  connection?: BiotConnection;
}

const checked = lookupsOf("biot", lookups);

/** One page of a search: `filter` per field (`eq`, `in`, `like`, ...), `sort`, `freeTextSearch`, `limit`, `page`. */
export const searchOrganizations = checked(
  "searchOrganizations",
  (args: BiotSearchRequest & LookupOptions = {}): Promise<BiotSearchResponse> => {
    const { connection, ...request } = args;
    return BiotClient.for(connection).search(request);
  },
);

/** Every organization that matches, page by page (sorted by `_id` when no sort is given, so pages are stable). */
export const listOrganizations = checked(
  "listOrganizations",
  async (args: Omit<BiotSearchRequest, "page"> & LookupOptions = {}): Promise<BiotOrganization[]> => {
    const { connection, ...request } = args;
    const client = BiotClient.for(connection);
    const sort = request.sort?.length ? request.sort : [{ prop: "_id", order: "ASC" as const }];
    const all: BiotOrganization[] = [];
    for (let page = 0; ; page++) {
      const res = await client.search({ ...request, sort, page });
      all.push(...res.data);
      const total = res.metadata.page?.totalResults;
      if (res.data.length === 0 || (total !== undefined && all.length >= total)) return all;
    }
  },
);

/** One organization by id, or undefined. */
export const getOrganization = checked(
  "getOrganization",
  (args: { id: string } & LookupOptions): Promise<BiotOrganization | undefined> =>
    BiotClient.for(args.connection).get(args.id),
);

/** The organization with this name (names are unique in BioT), or undefined. */
export const findOrganizationByName = checked(
  "findOrganizationByName",
  (args: { name: string } & LookupOptions): Promise<BiotOrganization | undefined> =>
    BiotClient.for(args.connection).findByName(args.name),
);

// The `...Output` forms: Inputs in, an Output out (core outputForm).
export const searchOrganizationsOutput = outputForm(searchOrganizations);
export const listOrganizationsOutput = outputForm(listOrganizations);
export const getOrganizationOutput = outputForm(getOrganization);
export const findOrganizationByNameOutput = outputForm(findOrganizationByName);
