import * as pulumi from "@pulumi/pulumi";
import {
  ApiError,
  createOwned,
  isApiError,
  LookupCache,
  OrgplaneError,
  PartialCreateError,
  schemaProvider,
  State,
} from "../core";
import {
  AssignmentKind,
  AssignmentPlan,
  applyAssignments,
  assignedNames,
  assignedQuery,
  ASSIGNMENT_KINDS,
  catalogueHolds,
  catalogueQuery,
  JoinRow,
  joinRows,
  parseAssigned,
} from "./assignments";
import { COMPOSITE_LIMIT, reference, SalesforceClient, SObjectRecord, soql, Subrequest } from "./client";
import { UserInputs, userSpec } from "./schema";
import {
  checkFeatureLicenses,
  flagChanges,
  flagField,
  flagsReadBack,
  isUserId,
  listPlans,
  listQueries,
  loginQuery,
  LOOKUP_KINDS,
  lookupFields,
  lookupQueries,
  lookupQuery,
  LookupKind,
  LOOKUPS,
  openLeadsQuery,
  readBack,
  Rows,
  SCALAR_KEYS,
  userBody,
  userByUsernameQuery,
  userColumns,
  userFlagFields,
  valueOf,
} from "./wire";

const runQueries = (client: SalesforceClient, queries: Record<string, string>): Promise<Rows> =>
  Object.keys(queries).length > 0 ? client.queries(queries) : Promise.resolve({});

/** The id of the user with this username in the org, if any. */
async function findUserId(client: SalesforceClient, username: string): Promise<string | undefined> {
  const [row] = await client.query(userByUsernameQuery(username));
  return row ? String(row.Id) : undefined;
}

/** Freezes or unfreezes through the user's UserLogin row (from loginQuery); no write when it already is so. */
async function setFrozen(
  client: SalesforceClient,
  userId: string,
  login: SObjectRecord | undefined,
  frozen: boolean,
) {
  if (!login)
    throw new OrgplaneError(
      `salesforce: user ${userId} has no UserLogin row to ${frozen ? "freeze" : "unfreeze"}`,
    );
  if (login.IsFrozen !== frozen) await client.updateOne("UserLogin", String(login.Id), { IsFrozen: frozen });
}

/** The flag fields to read: the listed ones, or all of them in exact mode. */
async function flagsToRead(client: SalesforceClient, listed: string[] | undefined, exact: boolean) {
  if (listed === undefined) return [];
  return exact ? userFlagFields(client) : listed.map(flagField);
}

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
function nameQueries(inputs: UserInputs, lists: AssignmentKind[]) {
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
async function readNames(
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

const NEW_USER = "newUser";

/** A join row as a Composite subrequest: its type goes in the url. */
function insertRow(version: string, { attributes, ...fields }: JoinRow, i: number): Subrequest {
  return {
    method: "POST",
    url: `/services/data/v${version}/sobjects/${attributes.type}`,
    referenceId: `assign${i}`,
    body: fields,
  };
}

/**
 * The write of a new user: one Composite call inserts the user and its assignments, all or none, so a refused
 * assignment leaves no user behind. Composite takes 25 subrequests: the assignments past them (more than 24)
 * are inserted after the call, by `overflow`. A freeze is not in the call: whether Salesforce shows a new
 * user's UserLogin row before the call commits is unverified, so the freeze follows it.
 */
function newUserWrite(client: SalesforceClient, body: SObjectRecord, plans: AssignmentPlan[]) {
  const { version } = client;
  const first: Subrequest[] = [
    { method: "POST", url: `/services/data/v${version}/sobjects/User`, referenceId: NEW_USER, body },
  ];
  const rows = joinRows(reference(NEW_USER, "id"), plans);
  const fitting = COMPOSITE_LIMIT - first.length;
  const subrequests = [...first, ...rows.slice(0, fitting).map((row, i) => insertRow(version, row, i))];
  return {
    /** The call; answers the new user's id. */
    insert: async () => String(((await client.composite(subrequests))[NEW_USER] as { id: string }).id),
    /** The assignment rows that did not fit in the call, for the user once it exists. */
    overflow: (userId: string) => joinRows(userId, plans).slice(fitting),
  };
}

/** Records a user that exists with the steps still to do left out, so the next update does them. */
const unfinished = (id: string, outputs: State, steps: string[], cause: unknown) =>
  new PartialCreateError(id, outputs, cause, steps);

async function create(inputs: UserInputs) {
  const client = SalesforceClient.for(inputs.connection);
  await checkFeatureLicenses(client, inputs.featureLicenses);
  const lists = ASSIGNMENT_KINDS.filter((kind) => inputs[kind.key] !== undefined);
  // Every name resolves (and the user to adopt is found) before anything is written.
  const { cached, fresh } = nameQueries(inputs, lists);
  const rows = await readNames(client, cached, { ...fresh, existing: userByUsernameQuery(inputs.username) });
  const { body: lookups, outputs } = lookupFields(inputs, LOOKUP_KINDS, rows);
  const wanted = listPlans(inputs, {}, lists, rows);
  const presentKeys = [
    ...SCALAR_KEYS.filter((k) => inputs[k] !== undefined),
    ...(inputs.customFields ? ["customFields"] : []),
  ];
  const body = {
    ...userBody(inputs, {}, presentKeys),
    ...lookups,
    ...flagChanges(inputs.featureLicenses ?? [], [], undefined),
  };
  const write = newUserWrite(client, body, wanted);
  const { id, adopted } = await createOwned({
    resource: `salesforce.User "${inputs.username}"`,
    adopt: inputs.adopt,
    // The existence check ran with the name queries; a later look (after a lost reply) asks again.
    before: async () => rows.existing?.[0]?.Id as string | undefined,
    find: () => findUserId(client, inputs.username),
    describe: (userId) => `user id ${userId}`,
    write: async () => ({ id: await write.insert(), adopted: false }),
    takeOver: async (userId) => ({ id: userId, adopted: true }),
    isDuplicate: (e) => e instanceof ApiError && e.code === "DUPLICATE_USERNAME",
  });
  if (adopted) {
    await adopt(client, id, inputs, { lists, catalogue: rows, body, outputs });
    return { id, outputs };
  }
  // Past Composite's 25 subrequests, the remaining assignments follow the call: the user exists by then.
  const overflow = write.overflow(id);
  if (overflow.length > 0) {
    const listKeys = lists.map((k) => k.key);
    await client.create(overflow).catch((e) => {
      throw unfinished(id, outputs, ["frozen", ...listKeys], e);
    });
  }
  if (inputs.frozen) {
    try {
      const [login] = await client.query(loginQuery(id));
      await setFrozen(client, id, login, true);
    } catch (e) {
      throw unfinished(id, outputs, ["frozen"], e);
    }
  }
  return { id, outputs };
}

/** The fields of `body` whose values differ from the record's (empty and null are the same). */
function changedFields(body: SObjectRecord, record: SObjectRecord): SObjectRecord {
  const norm = (v: unknown) => (v === undefined || v === "" ? null : v);
  return Object.fromEntries(
    Object.entries(body).filter(([field, value]) => norm(value) !== norm(valueOf(record, field))),
  );
}

/** Takes an existing user over: its fields, then its freeze state and assignments reconciled with the inputs. */
async function adopt(
  client: SalesforceClient,
  id: string,
  inputs: UserInputs,
  {
    lists,
    catalogue,
    body,
    outputs,
  }: { lists: AssignmentKind[]; catalogue: Rows; body: SObjectRecord; outputs: State },
) {
  const current = await client.queries({
    user: `SELECT ${["Id", ...Object.keys(body)].join(", ")} FROM User WHERE Id = ${soql(id)}`,
    ...Object.fromEntries(lists.map((kind) => [`assigned.${kind.key}`, assignedQuery(kind, id)])),
    login: loginQuery(id),
  });
  // Only the fields that differ from the user as it is are written: adopting a user as declared writes nothing.
  const changed = changedFields(body, current.user[0] ?? {});
  if (Object.keys(changed).length > 0) await client.updateOne("User", id, changed);
  let steps = ["frozen", ...lists.map((k) => k.key)];
  try {
    await setFrozen(client, id, current.login[0], inputs.frozen);
    steps = lists.map((k) => k.key);
    await applyAssignments(client, id, listPlans(inputs, {}, lists, { ...catalogue, ...current }));
  } catch (e) {
    throw unfinished(id, outputs, steps, e);
  }
}

async function read(id: string, state: State): Promise<State | undefined> {
  const client = SalesforceClient.for(state.connection);
  const exact = state.exact === true;
  const listed = state.featureLicenses as string[] | undefined;
  const flags = await flagsToRead(client, listed, exact);
  const custom = Object.keys((state.customFields ?? {}) as object);
  const lists = ASSIGNMENT_KINDS.filter((kind) => state[kind.key] !== undefined && state[kind.key] !== null);
  const rows = await client.queries({
    user: `SELECT ${userColumns(flags, custom).join(", ")} FROM User WHERE Id = ${soql(id)}`,
    login: loginQuery(id),
    ...Object.fromEntries(lists.map((kind) => [`assigned.${kind.key}`, assignedQuery(kind, id)])),
  });
  const [record] = rows.user;
  if (!record) return undefined;
  const current: State = { ...readBack(record, state), frozen: rows.login[0]?.IsFrozen === true };
  if (listed) current.featureLicenses = flagsReadBack(record, listed, flags, exact);
  for (const kind of lists) {
    const assigned = parseAssigned(kind, rows[`assigned.${kind.key}`]);
    current[kind.key] = assignedNames(state[kind.key] as string[], assigned, exact);
  }
  return current;
}

async function update(id: string, olds: State, news: UserInputs, changedKeys: string[]): Promise<State> {
  const client = SalesforceClient.for(news.connection);
  const changed = (key: string) => changedKeys.includes(key);
  const exactTurned = changed("exact") && news.exact;
  const kinds = LOOKUP_KINDS.filter((k) => changed(LOOKUPS[k].idKey) || changed(LOOKUPS[k].nameKey));
  const lists = ASSIGNMENT_KINDS.filter((k) => changed(k.key) || (exactTurned && news[k.key] !== undefined));
  const flagsChange = changed("featureLicenses") || (exactTurned && news.featureLicenses !== undefined);
  if (flagsChange) await checkFeatureLicenses(client, news.featureLicenses);
  const allFlags = flagsChange && news.exact ? await userFlagFields(client) : [];
  // One batch reads everything the changes depend on.
  const rows = await runQueries(client, {
    ...lookupQueries(news, kinds),
    ...listQueries(news, lists, id),
    ...(changed("frozen") ? { login: loginQuery(id) } : {}),
    ...(allFlags.length > 0
      ? { flags: `SELECT ${["Id", ...allFlags].join(", ")} FROM User WHERE Id = ${soql(id)}` }
      : {}),
  });
  const { body: lookups, outputs } = lookupFields(news, kinds, rows);
  for (const kind of LOOKUP_KINDS.filter((k) => !kinds.includes(k))) {
    for (const key of [LOOKUPS[kind].idKey, LOOKUPS[kind].nameKey])
      if (olds[key] != null) outputs[key] = olds[key];
  }
  const plans = listPlans(news, olds, lists, rows);
  const body: SObjectRecord = { ...userBody(news, olds, changedKeys), ...lookups };
  if (flagsChange) {
    const previous = (olds.featureLicenses as string[] | undefined) ?? [];
    const exact =
      allFlags.length > 0 && rows.flags?.[0] ? { fields: allFlags, record: rows.flags[0] } : undefined;
    Object.assign(body, flagChanges(news.featureLicenses ?? [], previous, exact));
  }
  if (Object.keys(body).length > 0) await client.updateOne("User", id, body);
  if (changed("frozen")) await setFrozen(client, id, rows.login?.[0], news.frozen);
  await applyAssignments(client, id, plans);
  return outputs;
}

/** Users cannot be deleted: open leads go to `leadsSuccessor` (when set), then the user is deactivated. */
async function deactivate(id: string, state: State): Promise<void> {
  const client = SalesforceClient.for(state.connection);
  const successor = typeof state.leadsSuccessor === "string" ? state.leadsSuccessor : undefined;
  let moved: string[] = [];
  if (successor) {
    const rows = await client.queries({
      leads: openLeadsQuery(id),
      ...(isUserId(successor) ? {} : { successor: userByUsernameQuery(successor) }),
    });
    const to = isUserId(successor) ? successor : (rows.successor[0]?.Id as string | undefined);
    if (!to)
      throw new OrgplaneError(
        `salesforce: leadsSuccessor: no user with username ${JSON.stringify(successor)}`,
      );
    moved = rows.leads.map((lead) => String(lead.Id));
    await client.reassignLeads(moved, to);
  }
  try {
    await client.updateOne("User", id, { IsActive: false });
  } catch (e) {
    if (isApiError(e, 404)) return;
    throw e;
  }
  const leads = successor ? `; ${moved.length} open lead(s) handed to ${successor}` : "";
  await pulumi.log.warn(
    `salesforce.User ${String(state.username)} (${id}) was deactivated, not deleted: Salesforce users cannot be ` +
      `deleted and the username stays taken${leads}.`,
  );
}

export const providers = {
  User: schemaProvider<UserInputs>(userSpec, { create, read, update, delete: deactivate }),
};
