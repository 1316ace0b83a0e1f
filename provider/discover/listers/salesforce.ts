import { ASSIGNMENT_KINDS, parseAssigned } from "../../salesforce/assignments";
import { SalesforceClient, SObjectRecord, soql } from "../../salesforce/client";
import { userFlagFields } from "../../salesforce/wire";
import { LOOKUPS, SCALAR_FIELDS, userColumns, valueOf } from "../../salesforce/wire";
import { configuredConnection } from "../connections";
import { Discovered, Progress } from "../inventory";
import { present, ListOptions, Lister } from "./types";

/** The SOQL condition of the user filters (every given filter applies). */
export function userFilter(filters: ListOptions["users"]): string {
  const parts = [
    filters.activeOnly ? "IsActive = true" : "",
    filters.profile ? `Profile.Name = ${soql(filters.profile)}` : "",
    filters.domain ? `Username LIKE ${soql(`%@${filters.domain.replace(/^@/, "")}`)}` : "",
    filters.where ? `(${filters.where})` : "",
  ].filter(Boolean);
  return parts.join(" AND ");
}

type Page = { records: SObjectRecord[]; done: boolean; nextRecordsUrl?: string };

/** Every record of a query, page by page (Salesforce answers 2,000 at most per page), with progress. */
async function allPages(client: SalesforceClient, text: string, what: string, progress: Progress) {
  let page = await client.run((conn) => conn.query(text, { autoFetch: false }) as unknown as Promise<Page>);
  const records = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    progress(`${records.length} ${what} so far`);
    const next = page.nextRecordsUrl;
    page = await client.run((conn) => conn.request<Page>(next));
    records.push(...page.records);
  }
  return records;
}

/** Salesforce users with their permission sets, public groups and licences. */
export const listSalesforce: Lister = async (options, progress) => {
  const client = SalesforceClient.for(configuredConnection("salesforce"));
  const flags = await userFlagFields(client);
  const where = userFilter(options.users);
  const users = await allPages(
    client,
    `SELECT ${userColumns(flags, []).join(", ")} FROM User${where ? ` WHERE ${where}` : ""}`,
    "users",
    progress,
  );
  progress(`${users.length} users`);
  const ids = new Set(users.map((u) => String(u.Id)));
  const assigned = new Map<string, Record<string, string[]>>();
  for (const kind of ASSIGNMENT_KINDS) {
    const { join, catalogue } = kind;
    const names = catalogue.nameFields.map((f) => `${join.relation}.${f}`);
    const filter = join.filter ? ` WHERE ${join.filter}` : "";
    const text = `SELECT Id, ${join.userField}, ${join.targetField}, ${names.join(", ")} FROM ${join.type}${filter}`;
    const rows = (await allPages(client, text, kind.what + "s", progress)).filter((r) =>
      ids.has(String(valueOf(r, join.userField))),
    );
    for (const [i, entry] of parseAssigned(kind, rows).entries()) {
      const userId = String(valueOf(rows[i], join.userField));
      const lists = assigned.get(userId) ?? {};
      (lists[kind.key] ??= []).push(entry.names[0]);
      assigned.set(userId, lists);
    }
  }
  const frozen = new Set(
    (
      await allPages(
        client,
        "SELECT UserId, IsFrozen FROM UserLogin WHERE IsFrozen = true",
        "logins",
        progress,
      )
    ).map((r) => String(r.UserId)),
  );
  progress(`assignments of ${assigned.size} users read`);
  return users.map((user) => userOf(user, flags, assigned.get(String(user.Id)) ?? {}, frozen));
};

const related = (user: SObjectRecord, kind: keyof typeof LOOKUPS) => {
  const value = valueOf(user, LOOKUPS[kind].relation) as SObjectRecord | null | undefined;
  return (value && (valueOf(value, LOOKUPS[kind].nameField) as string)) || undefined;
};

function userOf(user: SObjectRecord, flags: string[], lists: Record<string, string[]>, frozen: Set<string>) {
  const scalars = Object.fromEntries(
    Object.entries(SCALAR_FIELDS).map(([input, field]) => [input, valueOf(user, field) ?? undefined]),
  );
  const licences = flags
    .filter((f) => valueOf(user, f) === true)
    .map((f) => f.replace(/^UserPermissions/, ""));
  const sorted = (names?: string[]) => (names && names.length > 0 ? [...names].sort() : undefined);
  const username = String(valueOf(user, "Username"));
  const item: Discovered = {
    backend: "salesforce",
    kind: "salesforce.User",
    key: username,
    id: String(user.Id),
    nameHint: username,
    inputs: present({
      ...scalars,
      profileName: related(user, "profile"),
      roleName: related(user, "role"),
      managerUsername: related(user, "manager"),
      permissionSets: sorted(lists.permissionSets),
      publicGroups: sorted(lists.publicGroups),
      permissionSetLicenses: sorted(lists.permissionSetLicenses),
      featureLicenses: sorted(licences),
      frozen: frozen.has(String(user.Id)) || undefined,
    }),
    refusals: [],
  };
  return item;
}
