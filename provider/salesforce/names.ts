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
  const names = Object.keys(cached);
  const keyOf = (name: string) => `${client.key}|${cached[name].soql}`;
  const nameOf = new Map(names.map((name) => [keyOf(name), name]));
  const soqlOf = (some: string[]) => Object.fromEntries(some.map((name) => [name, cached[name].soql]));
  let ran: Rows | undefined;
  const found = await nameLookups.getMany(names.map(keyOf), async (missingKeys) => {
    const missing = missingKeys.map((key) => nameOf.get(key)!);
    const rows = await runQueries(client, { ...fresh, ...soqlOf(missing) });
    ran = rows;
    return Object.fromEntries(
      missing.map((name) => [keyOf(name), cached[name].found(rows[name]) ? rows[name] : undefined]),
    );
  });
  // Every name was cached or in flight: the fresh queries go alone.
  const rows: Rows = ran ?? (await runQueries(client, fresh));
  names.forEach((name, i) => (rows[name] = found[i] ?? rows[name]));
  // Another create's lookup that missed a name: ask again for the rows the error message is made from.
  const missing = names.filter((name) => rows[name] === undefined);
  return { ...rows, ...(await runQueries(client, soqlOf(missing))) };
}
