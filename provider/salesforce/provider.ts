import * as pulumi from "@pulumi/pulumi";
import {
  ApiError,
  createOwned,
  isApiError,
  OrgplaneError,
  PartialCreateError,
  schemaProvider,
  State,
} from "../core";
import {
  applyAssignments,
  assignedNames,
  assignedQuery,
  AssignmentKind,
  ASSIGNMENT_KINDS,
  parseAssigned,
} from "./assignments";
import { SalesforceClient, SObjectRecord, soql } from "./client";
import {
  allFlagFields,
  findUserId,
  flagChanges,
  flagsReadBack,
  flagsToRead,
  isUserId,
  loginQuery,
  openLeadsQuery,
  reassignLeads,
  setFrozen,
  userByUsernameQuery,
} from "./lookups";
import { nameQueries, readNames } from "./names";
import { newUserWrite } from "./new-user";
import { UserInputs, userSpec } from "./schema";
import {
  listPlans,
  listQueries,
  LOOKUP_KINDS,
  lookupFields,
  lookupQueries,
  Rows,
  runQueries,
  validate,
} from "./steps";
import { LOOKUPS, readBack, SCALAR_KEYS, userBody, userColumns, valueOf } from "./user-fields";

/** Records a user that exists with the steps still to do left out, so the next update does them. */
const unfinished = (id: string, outputs: State, steps: string[], cause: unknown) =>
  new PartialCreateError(id, outputs, cause, steps);

async function create(inputs: UserInputs) {
  const client = SalesforceClient.for(inputs.connection);
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
    takeOver: async (userId, reason) => ({ id: userId, adopted: reason === "adopted" }),
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
  const allFlags = flagsChange && news.exact ? await allFlagFields(client) : [];
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
    await reassignLeads(client, moved, to);
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
  User: schemaProvider<UserInputs>(userSpec, { validate, create, read, update, delete: deactivate }),
};
