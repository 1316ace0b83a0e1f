import { OrgplaneError, State } from "../core";
import {
  AssignmentKind,
  AssignmentPlan,
  assignedQuery,
  catalogueQuery,
  parseAssigned,
  planAssignments,
  resolveNames,
} from "./assignments";
import type { SalesforceClient, SObjectRecord } from "./client";
import { soql } from "./client";
import type { UserInputs } from "./schema";

// Inputs to User fields and SOQL, and User records back to state.

/** Inputs that are one User field each, with the field's API name. */
export const SCALAR_FIELDS = {
  username: "Username",
  email: "Email",
  firstName: "FirstName",
  lastName: "LastName",
  alias: "Alias",
  nickname: "CommunityNickname",
  title: "Title",
  emailEncoding: "EmailEncodingKey",
  locale: "LocaleSidKey",
  language: "LanguageLocaleKey",
  timeZone: "TimeZoneSidKey",
  mobilePhone: "MobilePhone",
  phone: "Phone",
  street: "Street",
  city: "City",
  state: "State",
  postalCode: "PostalCode",
  employeeNumber: "EmployeeNumber",
  companyName: "CompanyName",
  division: "Division",
  department: "Department",
  active: "IsActive",
} as const satisfies Partial<Record<keyof UserInputs, string>>;
export type ScalarKey = keyof typeof SCALAR_FIELDS;
export const SCALAR_KEYS = Object.keys(SCALAR_FIELDS) as ScalarKey[];

const FLAG_PREFIX = "UserPermissions";
/** `MarketingUser` or `UserPermissionsMarketingUser` -> `UserPermissionsMarketingUser`. */
export const flagField = (name: string) => (name.startsWith(FLAG_PREFIX) ? name : `${FLAG_PREFIX}${name}`);
export const isFlagField = (name: string) => name.startsWith(FLAG_PREFIX);

/** Every UserPermissions* checkbox the org's User object has (describe, cached per session). */
export async function userFlagFields(client: Pick<SalesforceClient, "describe">): Promise<string[]> {
  const described = await client.describe("User");
  return described.fields.filter((f) => isFlagField(f.name) && f.type === "boolean").map((f) => f.name);
}

/**
 * Refuses, before any write, a feature licence the org's User object has no UserPermissions* checkbox for
 * (Salesforce would fail the write with INVALID_FIELD). One describe per session, and none without licences.
 */
export async function checkFeatureLicenses(
  client: Pick<SalesforceClient, "describe">,
  names: string[] | undefined,
): Promise<void> {
  if (!names || names.length === 0) return;
  const known = new Set((await userFlagFields(client)).map((f) => f.toLowerCase()));
  const unknown = names.findIndex((name) => !known.has(flagField(name).toLowerCase()));
  if (unknown >= 0)
    throw new OrgplaneError(
      `salesforce: featureLicenses[${unknown}]: no feature licence named ${JSON.stringify(names[unknown])} ` +
        "in the org (salesforce.getFeatureLicenses lists them)",
    );
}

/** The lookups a user has, each by id or by name. */
export const LOOKUPS = {
  profile: {
    idKey: "profileId",
    nameKey: "profileName",
    field: "ProfileId",
    relation: "Profile",
    nameField: "Name",
  },
  role: {
    idKey: "roleId",
    nameKey: "roleName",
    field: "UserRoleId",
    relation: "UserRole",
    nameField: "Name",
  },
  manager: {
    idKey: "managerId",
    nameKey: "managerUsername",
    field: "ManagerId",
    relation: "Manager",
    nameField: "Username",
  },
} as const;
export type LookupKind = keyof typeof LOOKUPS;

/** The User columns a read selects: every scalar, the lookups with their names, managed flags and custom fields. */
export function userColumns(flags: string[], customFields: string[]): string[] {
  const lookups = Object.values(LOOKUPS).flatMap((l) => [l.field, `${l.relation}.${l.nameField}`]);
  return [...new Set(["Id", ...Object.values(SCALAR_FIELDS), ...lookups, ...flags, ...customFields])];
}

const keyOf = (record: SObjectRecord, name: string) =>
  Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
export const valueOf = (record: SObjectRecord, name: string) => {
  const key = keyOf(record, name);
  return key === undefined ? undefined : record[key];
};

/**
 * What a User record says about the inputs in `state`: scalars and custom fields the state manages (null when
 * now empty, so drift shows), and every lookup both ways.
 */
export function readBack(record: SObjectRecord, state: State): State {
  const out: State = {};
  for (const key of SCALAR_KEYS) {
    if (state[key] !== undefined && state[key] !== null)
      out[key] = valueOf(record, SCALAR_FIELDS[key]) ?? null;
  }
  for (const lookup of Object.values(LOOKUPS)) {
    const related = valueOf(record, lookup.relation) as SObjectRecord | null | undefined;
    out[lookup.idKey] = valueOf(record, lookup.field) ?? null;
    out[lookup.nameKey] = (related && valueOf(related, lookup.nameField)) ?? null;
  }
  const custom = state.customFields as Record<string, unknown> | undefined;
  if (custom) {
    out.customFields = Object.fromEntries(
      Object.keys(custom).map((name) => [name, valueOf(record, name) ?? null]),
    );
  }
  return out;
}

/** The User fields to write for the inputs in `keys` (removed optional inputs are cleared with null). */
export function userBody(news: UserInputs, olds: State, keys: string[]): SObjectRecord {
  const body: SObjectRecord = {};
  for (const key of SCALAR_KEYS) {
    if (!keys.includes(key)) continue;
    const value = news[key];
    // A nickname left out keeps the one Salesforce made; other cleared inputs clear the field.
    if (value === undefined && key === "nickname") continue;
    body[SCALAR_FIELDS[key]] = value ?? null;
  }
  if (keys.includes("customFields")) {
    const before = (olds.customFields ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(before)) body[name] = null;
    Object.assign(body, news.customFields ?? {});
  }
  return body;
}

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

export const isUserId = (ref: string) => /^005[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(ref);

export const loginQuery = (userId: string) =>
  `SELECT Id, IsFrozen FROM UserLogin WHERE UserId = ${soql(userId)}`;

/** The SOQL for a user's open (unconverted) leads. */
export const openLeadsQuery = (userId: string) =>
  `SELECT Id FROM Lead WHERE OwnerId = ${soql(userId)} AND IsConverted = false`;

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

export const LOOKUP_KINDS = Object.keys(LOOKUPS) as LookupKind[];

export type Rows = Record<string, SObjectRecord[]>;

/** The queries that resolve the lookups in `kinds` given by name. */
export function lookupQueries(inputs: UserInputs, kinds: LookupKind[]): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const kind of kinds) {
    const { idKey, nameKey } = LOOKUPS[kind];
    const name = inputs[nameKey];
    if (!inputs[idKey] && name) queries[`lookup.${kind}`] = lookupQuery(kind, name);
  }
  return queries;
}

/** The lookups in `kinds` as User fields to write, and the outputs they give. */
export function lookupFields(inputs: UserInputs, kinds: LookupKind[], rows: Rows) {
  const body: SObjectRecord = {};
  const outputs: State = {};
  for (const kind of kinds) {
    const { field, idKey, nameKey } = LOOKUPS[kind];
    const name = inputs[nameKey];
    const resolved = inputs[idKey]
      ? { id: inputs[idKey]! }
      : name
        ? pickLookup(kind, name, rows[`lookup.${kind}`] ?? [])
        : undefined;
    if (!resolved) continue;
    body[field] = resolved.id;
    outputs[idKey] = resolved.id;
    if ("name" in resolved) outputs[nameKey] = resolved.name;
  }
  return { body, outputs };
}

/** Catalogue queries (and, for an existing user, the current rows) for the list kinds in `kinds`. */
export function listQueries(
  inputs: UserInputs,
  kinds: AssignmentKind[],
  userId: string | undefined,
): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const kind of kinds) {
    const names = inputs[kind.key] ?? [];
    if (names.length > 0) queries[`catalogue.${kind.key}`] = catalogueQuery(kind, names);
    if (userId) queries[`assigned.${kind.key}`] = assignedQuery(kind, userId);
  }
  return queries;
}

export function listPlans(
  inputs: UserInputs,
  olds: State,
  kinds: AssignmentKind[],
  rows: Rows,
): AssignmentPlan[] {
  return kinds.map((kind) => {
    const wanted = resolveNames(kind, inputs[kind.key] ?? [], rows[`catalogue.${kind.key}`] ?? []);
    const previous = (olds[kind.key] as string[] | undefined) ?? [];
    const current = parseAssigned(kind, rows[`assigned.${kind.key}`] ?? []);
    return planAssignments(kind, wanted, previous, inputs.exact, current);
  });
}
