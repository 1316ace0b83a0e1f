import { OrgplaneError } from "../core";
import { SalesforceClient, SObjectRecord, soql, soqlList } from "./client";
import { valueOf } from "./wire";

/** One kind of assignment orgplane reconciles: the catalogue of what can be assigned, and the join rows. */
export interface AssignmentKind {
  key: "permissionSets" | "publicGroups" | "permissionSetLicenses";
  what: string;
  lister: string;
  catalogue: { type: string; nameFields: [string, string]; filter: string };
  join: { type: string; userField: string; targetField: string; relation: string; filter: string };
}

/** In the order additions are made: licences before the permission sets that need them, groups last. */
export const ASSIGNMENT_KINDS: AssignmentKind[] = [
  {
    key: "permissionSetLicenses",
    what: "permission set licence",
    lister: "getPermissionSetLicenses",
    catalogue: { type: "PermissionSetLicense", nameFields: ["DeveloperName", "MasterLabel"], filter: "" },
    join: {
      type: "PermissionSetLicenseAssign",
      userField: "AssigneeId",
      targetField: "PermissionSetLicenseId",
      relation: "PermissionSetLicense",
      filter: "",
    },
  },
  {
    key: "permissionSets",
    what: "permission set",
    lister: "getPermissionSets",
    catalogue: { type: "PermissionSet", nameFields: ["Name", "Label"], filter: "IsOwnedByProfile = false" },
    join: {
      type: "PermissionSetAssignment",
      userField: "AssigneeId",
      targetField: "PermissionSetId",
      relation: "PermissionSet",
      // Profile-owned sets and permission set group rows are not the user's own assignments.
      filter: "PermissionSet.IsOwnedByProfile = false AND PermissionSetGroupId = null",
    },
  },
  {
    key: "publicGroups",
    what: "public group",
    lister: "getPublicGroups",
    catalogue: { type: "Group", nameFields: ["DeveloperName", "Name"], filter: "Type = 'Regular'" },
    join: {
      type: "GroupMember",
      userField: "UserOrGroupId",
      targetField: "GroupId",
      relation: "Group",
      filter: "Group.Type = 'Regular'",
    },
  },
];

const and = (...parts: string[]) => parts.filter(Boolean).join(" AND ");

/** One join row: its id, what it assigns, and that target's names. */
export interface Assigned {
  id: string;
  targetId: string;
  names: string[];
}

/** The SOQL for a user's join rows of one kind. */
export function assignedQuery(kind: AssignmentKind, userId: string): string {
  const { join, catalogue } = kind;
  const names = catalogue.nameFields.map((f) => `${join.relation}.${f}`);
  return `SELECT Id, ${join.targetField}, ${names.join(", ")} FROM ${join.type} WHERE ${and(
    `${join.userField} = ${soql(userId)}`,
    join.filter,
  )}`;
}

export function parseAssigned(kind: AssignmentKind, rows: SObjectRecord[]): Assigned[] {
  return rows.map((row) => {
    const target = (valueOf(row, kind.join.relation) ?? {}) as SObjectRecord;
    return {
      id: String(row.Id),
      targetId: String(valueOf(row, kind.join.targetField)),
      names: kind.catalogue.nameFields.map((f) => String(valueOf(target, f) ?? "")),
    };
  });
}

/** The SOQL for the catalogue entries named (by API name or label). */
export function catalogueQuery(kind: AssignmentKind, names: string[]): string {
  const [apiName, label] = kind.catalogue.nameFields;
  return `SELECT Id, ${apiName}, ${label} FROM ${kind.catalogue.type} WHERE ${and(
    kind.catalogue.filter,
    `(${apiName} IN ${soqlList(names)} OR ${label} IN ${soqlList(names)})`,
  )}`;
}

/** The catalogue row a name means: by API name first, then by label. */
function catalogueRow(kind: AssignmentKind, name: string, rows: SObjectRecord[]): SObjectRecord | undefined {
  const [apiName, label] = kind.catalogue.nameFields;
  return rows.find((r) => valueOf(r, apiName) === name) ?? rows.find((r) => valueOf(r, label) === name);
}

/** Whether the catalogue rows hold every name. */
export const catalogueHolds = (kind: AssignmentKind, names: string[], rows: SObjectRecord[]) =>
  names.every((name) => catalogueRow(kind, name, rows) !== undefined);

/** Ids of the named entries; an unknown name fails, naming the input and the function that lists them. */
export function resolveNames(kind: AssignmentKind, names: string[], rows: SObjectRecord[]): Set<string> {
  return new Set(
    names.map((name, i) => {
      const match = catalogueRow(kind, name, rows);
      if (!match) {
        throw new OrgplaneError(
          `salesforce: ${kind.key}[${i}]: no ${kind.what} named "${name}" in the org (${kind.lister} lists them)`,
        );
      }
      return String(match.Id);
    }),
  );
}

/** What to change for one kind: join rows to delete and targets to assign. */
export interface AssignmentPlan {
  kind: AssignmentKind;
  remove: string[];
  add: string[];
}

/**
 * Assign what is listed and missing; remove what orgplane listed before and no longer does; in exact mode
 * remove everything else too. Assignments made by other means are otherwise left alone.
 */
export function planAssignments(
  kind: AssignmentKind,
  wantedIds: Set<string>,
  previous: string[],
  exact: boolean,
  current: Assigned[],
): AssignmentPlan {
  const held = new Set(current.map((a) => a.targetId));
  const dropped = (a: Assigned) =>
    !wantedIds.has(a.targetId) && (exact || a.names.some((name) => previous.includes(name)));
  return {
    kind,
    remove: current.filter(dropped).map((a) => a.id),
    add: [...wantedIds].filter((id) => !held.has(id)),
  };
}

export type JoinRow = SObjectRecord & { attributes: { type: string } };

/** The join rows the plans add, in plan order (licences before the permission sets that need them). */
export const joinRows = (userId: string, plans: AssignmentPlan[]): JoinRow[] =>
  plans.flatMap(({ kind, add }) =>
    add.map((targetId) => ({
      attributes: { type: kind.join.type },
      [kind.join.userField]: userId,
      [kind.join.targetField]: targetId,
    })),
  );

/** Applies plans in two calls at most: one delete of every dropped row, one create of every new one. */
export async function applyAssignments(client: SalesforceClient, userId: string, plans: AssignmentPlan[]) {
  const remove = plans.flatMap((p) => p.remove);
  if (remove.length > 0) await client.destroy(remove);
  const add = joinRows(userId, plans);
  if (add.length > 0) await client.create(add);
}

/** The names a list input reads back as: the listed ones still assigned, plus (exact mode) the others. */
export function assignedNames(listed: string[], assigned: Assigned[], exact: boolean): string[] {
  const present = listed.filter((name) => assigned.some((a) => a.names.includes(name)));
  const extras = exact
    ? assigned.filter((a) => !listed.some((name) => a.names.includes(name))).map((a) => a.names[0])
    : [];
  return [...present, ...extras];
}
