import { OrgplaneError } from "../core";
import { SalesforceClient, SObjectRecord, soql } from "./client";
import { flagField, isFlagField, LookupKind, LOOKUPS, valueOf } from "./user-fields";

const LOOKUP_QUERIES: Record<LookupKind, (name: string) => string> = {
  profile: (name) => `SELECT Id, Name FROM Profile WHERE Name = ${soql(name)}`,
  role: (name) =>
    `SELECT Id, Name, DeveloperName FROM UserRole WHERE Name = ${soql(name)} OR DeveloperName = ${soql(name)}`,
  manager: (name) => `SELECT Id, Username FROM User WHERE Username = ${soql(name.toLowerCase())}`,
};
const NOT_FOUND: Record<LookupKind, string> = {
  profile: "no profile named %s (getProfiles lists them)",
  role: "no role named %s (getRoles lists them)",
  manager: "no user with username %s (searchUsers finds users)",
};

/** The query that resolves a lookup given by name. */
export const lookupQuery = (kind: LookupKind, name: string) => LOOKUP_QUERIES[kind](name);

/** The lookup's row among the query's rows; an unknown name fails, naming the input. */
export function pickLookup(
  kind: LookupKind,
  name: string,
  rows: SObjectRecord[],
): { id: string; name: string } {
  const lookup = LOOKUPS[kind];
  const match =
    rows.find((r) => String(valueOf(r, lookup.nameField)).toLowerCase() === name.toLowerCase()) ?? rows[0];
  if (!match)
    throw new OrgplaneError(
      `salesforce: ${lookup.nameKey}: ${NOT_FOUND[kind].replace("%s", JSON.stringify(name))}`,
    );
  return { id: String(match.Id), name: String(valueOf(match, lookup.nameField)) };
}

export const userByUsernameQuery = (username: string) =>
  `SELECT Id FROM User WHERE Username = ${soql(username.toLowerCase())}`;

/** The id of the user with this username in the org, if any. */
export async function findUserId(client: SalesforceClient, username: string): Promise<string | undefined> {
  const [row] = await client.query(userByUsernameQuery(username));
  return row ? String(row.Id) : undefined;
}

export const isUserId = (ref: string) => /^005[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(ref);

export const loginQuery = (userId: string) =>
  `SELECT Id, IsFrozen FROM UserLogin WHERE UserId = ${soql(userId)}`;

/** Freezes or unfreezes through the user's UserLogin row (from loginQuery); no write when it already is so. */
export async function setFrozen(
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

/** The SOQL for a user's open (unconverted) leads. */
export const openLeadsQuery = (userId: string) =>
  `SELECT Id FROM Lead WHERE OwnerId = ${soql(userId)} AND IsConverted = false`;

/** Gives leads to another owner (sObject Collections, 200 per call). */
export async function reassignLeads(
  client: SalesforceClient,
  leadIds: string[],
  toUserId: string,
): Promise<void> {
  await client.update(
    "Lead",
    leadIds.map((Id) => ({ Id, OwnerId: toUserId })),
  );
}

/** Hands every open lead of one user to another; returns the leads moved. */
export async function transferOpenLeads(
  client: SalesforceClient,
  fromUserId: string,
  toUserId: string,
): Promise<string[]> {
  const ids = (await client.query(openLeadsQuery(fromUserId))).map((l) => String(l.Id));
  await reassignLeads(client, ids, toUserId);
  return ids;
}

/** Every UserPermissions* checkbox the org's User object has (describe, cached per session). */
export async function allFlagFields(client: SalesforceClient): Promise<string[]> {
  const described = await client.describe("User");
  return described.fields.filter((f) => isFlagField(f.name) && f.type === "boolean").map((f) => f.name);
}

/** The flag fields to read: the listed ones, or all of them in exact mode. */
export async function flagsToRead(client: SalesforceClient, listed: string[] | undefined, exact: boolean) {
  if (listed === undefined) return [];
  return exact ? allFlagFields(client) : listed.map(flagField);
}

/** How the featureLicenses input reads back from a User record. */
export function flagsReadBack(
  record: SObjectRecord,
  listed: string[],
  flagFields: string[],
  exact: boolean,
): string[] {
  const present = listed.filter((name) => valueOf(record, flagField(name)) === true);
  const extras = exact
    ? flagFields
        .filter((f) => valueOf(record, f) === true && !listed.some((name) => flagField(name) === f))
        .map((f) => f.replace(/^UserPermissions/, ""))
    : [];
  return [...present, ...extras];
}

/** Flag writes for a new featureLicenses list: listed on, dropped off, and (exact) every other set flag off. */
export function flagChanges(
  wanted: string[],
  previous: string[],
  exact: { fields: string[]; record: SObjectRecord } | undefined,
): SObjectRecord {
  const body: SObjectRecord = {};
  for (const name of previous) body[flagField(name)] = false;
  for (const field of exact?.fields ?? []) if (valueOf(exact!.record, field) === true) body[field] = false;
  for (const name of wanted) body[flagField(name)] = true;
  return body;
}
