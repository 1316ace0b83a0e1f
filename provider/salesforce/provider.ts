import * as pulumi from "@pulumi/pulumi";
import {
  createOnce,
  isApiError,
  OrgplaneError,
  PartialCreateError,
  schemaProvider,
  State,
  toState,
} from "../core";
import {
  applyAssignments,
  assignedNames,
  assignedQuery,
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
import { UserInputs, userSpec } from "./schema";
import {
  explainDuplicate,
  listPlans,
  listQueries,
  LOOKUP_KINDS,
  lookupFields,
  lookupQueries,
  runQueries,
  validate,
} from "./steps";
import { LOOKUPS, readBack, SCALAR_KEYS, userBody, userColumns } from "./user-fields";

async function create(inputs: UserInputs) {
  const client = SalesforceClient.for(inputs.connection);
  const lists = ASSIGNMENT_KINDS.filter((kind) => inputs[kind.key] !== undefined);
  // One batch resolves every name (and finds the user to adopt) before anything is written.
  const rows = await runQueries(client, {
    ...lookupQueries(inputs, LOOKUP_KINDS),
    ...listQueries(inputs, lists, undefined),
    ...(inputs.adopt ? { existing: userByUsernameQuery(inputs.username) } : {}),
  });
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
  const adopted = rows.existing?.[0]?.Id as string | undefined;
  let id: string;
  if (adopted) {
    id = adopted;
    await client.updateOne("User", id, body);
  } else {
    id = await createOnce(
      () => client.createOne("User", body),
      () => findUserId(client, inputs.username),
    ).catch((e) => explainDuplicate(client, e, inputs.username));
  }
  const unfinished = new Set(["frozen", ...lists.map((k) => k.key)]);
  try {
    let plans = wanted;
    let login: SObjectRecord | undefined;
    if (adopted) {
      // An adopted user has assignments and a freeze state already: reconcile against them.
      const current = await client.queries({ ...listQueries(inputs, lists, id), login: loginQuery(id) });
      plans = listPlans(inputs, {}, lists, { ...rows, ...current });
      login = current.login[0];
    } else if (inputs.frozen) {
      [login] = await client.query(loginQuery(id));
    }
    if (inputs.frozen || adopted) await setFrozen(client, id, login, inputs.frozen);
    unfinished.delete("frozen");
    await applyAssignments(client, id, plans);
  } catch (e) {
    // The user exists: record it with the unfinished steps left out, so the next update does them.
    const done = Object.fromEntries(Object.entries(inputs).filter(([key]) => !unfinished.has(key)));
    throw new PartialCreateError(id, toState(userSpec, done, outputs), e);
  }
  return { id, outputs };
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
