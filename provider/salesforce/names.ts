import { LookupCache } from "../core";
import { AssignmentKind, catalogueHolds, catalogueQuery } from "./assignments";
import { SalesforceClient, SObjectRecord } from "./client";
import { lookupQuery } from "./lookups";
import { UserInputs } from "./schema";
import { Rows, runQueries } from "./steps";
import { LookupKind, LOOKUPS } from "./user-fields";

/**
 * Profiles, roles, permission sets, groups and licences by name: one query per process, credential and minute,
 * so N users that name the same ones resolve them once. A manager is a user, looked up afresh each time.
 */
const nameLookups = new LookupCache();
const CACHED_KINDS: LookupKind[] = ["profile", "role"];

/** A name query, and whether its rows found every name (rows that did not are never kept). */
interface NameQuery {
  soql: string;
  found(rows: SObjectRecord[]): boolean;
}

/** The name queries a new user needs: lookups given by name, and the names of each list. */
export function nameQueries(inputs: UserInputs, lists: AssignmentKind[]) {
  const cached: Record<string, NameQuery> = {};
  const fresh: Record<string, string> = {};
  for (const kind of Object.keys(LOOKUPS) as LookupKind[]) {
    const { idKey, nameKey } = LOOKUPS[kind];
    const name = inputs[nameKey];
    if (inputs[idKey] || !name) continue;
    const soql = lookupQuery(kind, name);
    if (CACHED_KINDS.includes(kind)) cached[`lookup.${kind}`] = { soql, found: (rows) => rows.length > 0 };
    else fresh[`lookup.${kind}`] = soql;
  }
  for (const kind of lists) {
    const names = inputs[kind.key] ?? [];
    if (names.length === 0) continue;
    const soql = catalogueQuery(kind, names);
    cached[`catalogue.${kind.key}`] = { soql, found: (rows) => catalogueHolds(kind, names, rows) };
  }
  return { cached, fresh };
}

/**
 * Runs the name queries not cached yet and the `fresh` ones (never cached: a user to adopt, a manager) in one
 * batch, or none when everything is cached. A query that missed a name is answered but not kept, so the
 * caller's error names it and the next create asks again.
 */
export async function readNames(
  client: SalesforceClient,
  cached: Record<string, NameQuery>,
  fresh: Record<string, string>,
): Promise<Rows> {
  const toRun: Record<string, string> = { ...fresh };
  const ranHere: Rows = {};
  let release!: (rows: Promise<Rows>) => void;
  const batch = new Promise<Rows>((resolve) => (release = resolve));
  const names = Object.keys(cached);
  // LookupCache calls a lookup at once on a miss: the batch is known once every name has been asked for.
  const answers = names.map((name) =>
    nameLookups.get(`${client.key}|${cached[name].soql}`, async () => {
      toRun[name] = cached[name].soql;
      const rows = (await batch)[name];
      ranHere[name] = rows;
      return cached[name].found(rows) ? rows : undefined;
    }),
  );
  release(runQueries(client, toRun));
  const [ran, ...found] = await Promise.all([batch, ...answers]);
  const rows: Rows = { ...ran };
  names.forEach((name, i) => (rows[name] = found[i] ?? ranHere[name]));
  // Another create's lookup that missed a name: ask again for the rows the error message is made from.
  const missing = names.filter((name) => rows[name] === undefined);
  const again = await runQueries(client, Object.fromEntries(missing.map((n) => [n, cached[n].soql])));
  return { ...rows, ...again };
}
