import { State } from "../core";
import type { SObjectRecord } from "./client";
import type { UserInputs } from "./schema";

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
