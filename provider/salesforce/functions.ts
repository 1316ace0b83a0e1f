import { OrgplaneError } from "../core/errors";
import { pathSegment } from "../core/validators";
import { outputForm } from "../core/invoke";
import { lookupsOf } from "../core/lookup-args";
import { SalesforceClient, SObjectRecord, soql } from "./client";
import { lookups } from "./schema";
import type { SalesforceConnection } from "./types.generated";

/**
 * Lookups and helpers on a Salesforce org, one per helper card and search action of the user-admin connector.
 * Dynamic providers have no invoke, so these are plain async functions run in the program. `connection`
 * defaults to SF_AUTH_URL and friends. jsforce loads on the first call, not when orgplane is required. Arguments
 * are checked (schema.ts `lookups`) before any call.
 */
export interface LookupOptions {
  connection?: SalesforceConnection;
}

const checked = lookupsOf("salesforce", lookups);
const clientFor = (connection: SalesforceConnection | undefined) => SalesforceClient.for(connection);

export interface NamedId {
  id: string;
  name: string;
}

const str = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

export const getProfiles = checked(
  "getProfiles",
  async (opts: LookupOptions = {}): Promise<(NamedId & { userLicense?: string })[]> => {
    const rows = await clientFor(opts.connection).query(
      "SELECT Id, Name, UserLicense.Name FROM Profile ORDER BY Name",
    );
    return rows.map((r) => ({
      id: String(r.Id),
      name: String(r.Name),
      userLicense: str((r.UserLicense as SObjectRecord | null)?.Name),
    }));
  },
);

export const getRoles = checked(
  "getRoles",
  async (
    opts: LookupOptions = {},
  ): Promise<(NamedId & { developerName: string; parentRoleId?: string })[]> => {
    const rows = await clientFor(opts.connection).query(
      "SELECT Id, Name, DeveloperName, ParentRoleId FROM UserRole ORDER BY Name",
    );
    return rows.map((r) => ({
      id: String(r.Id),
      name: String(r.Name),
      developerName: String(r.DeveloperName),
      parentRoleId: str(r.ParentRoleId),
    }));
  },
);

/** Permission sets a user can be given (profile-owned ones left out). */
export const getPermissionSets = checked(
  "getPermissionSets",
  async (opts: LookupOptions = {}): Promise<(NamedId & { label: string })[]> => {
    const rows = await clientFor(opts.connection).query(
      "SELECT Id, Name, Label FROM PermissionSet WHERE IsOwnedByProfile = false ORDER BY Name",
    );
    return rows.map((r) => ({ id: String(r.Id), name: String(r.Name), label: String(r.Label) }));
  },
);

export const getPublicGroups = checked(
  "getPublicGroups",
  async (opts: LookupOptions = {}): Promise<(NamedId & { developerName: string })[]> => {
    const rows = await clientFor(opts.connection).query(
      "SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Regular' ORDER BY Name",
    );
    return rows.map((r) => ({
      id: String(r.Id),
      name: String(r.Name),
      developerName: String(r.DeveloperName),
    }));
  },
);

export const getPermissionSetLicenses = checked(
  "getPermissionSetLicenses",
  async (
    opts: LookupOptions = {},
  ): Promise<(NamedId & { label: string; total?: number; used?: number })[]> => {
    const rows = await clientFor(opts.connection).query(
      "SELECT Id, DeveloperName, MasterLabel, TotalLicenses, UsedLicenses FROM PermissionSetLicense ORDER BY DeveloperName",
    );
    return rows.map((r) => ({
      id: String(r.Id),
      name: String(r.DeveloperName),
      label: String(r.MasterLabel),
      total: r.TotalLicenses as number | undefined,
      used: r.UsedLicenses as number | undefined,
    }));
  },
);

/** Feature licences are User checkboxes: `id` is the field, `name` what featureLicenses takes. */
export const getFeatureLicenses = checked(
  "getFeatureLicenses",
  async (opts: LookupOptions = {}): Promise<(NamedId & { label: string })[]> => {
    const described = await clientFor(opts.connection).describe("User");
    return described.fields
      .filter((f) => f.name.startsWith("UserPermissions") && f.type === "boolean")
      .map((f) => ({ id: f.name, name: f.name.replace(/^UserPermissions/, ""), label: f.label }));
  },
);

/** The values of a (multi-select) picklist field, by API name or label; join several with ';' to set one. */
export const getPicklistValues = checked(
  "getPicklistValues",
  async (
    args: { object: string; field: string } & LookupOptions,
  ): Promise<{ label: string; value: string }[]> => {
    const described = await clientFor(args.connection).describe(args.object);
    const wanted = args.field.toLowerCase();
    const found =
      described.fields.find((f) => f.name.toLowerCase() === wanted) ??
      described.fields.find((f) => f.label.toLowerCase() === wanted);
    if (!found)
      throw new OrgplaneError(`salesforce: ${args.object} has no field ${JSON.stringify(args.field)}`);
    return (found.picklistValues ?? []).filter((v) => v.active).map(({ label, value }) => ({ label, value }));
  },
);

/** A user as the Read User action shows it. */
export interface UserDetails {
  id: string;
  username: string;
  email: string;
  firstName?: string;
  lastName: string;
  alias: string;
  nickname?: string;
  title?: string;
  isActive: boolean;
  isFrozen: boolean;
  profileId: string;
  profileName?: string;
  roleId?: string;
  roleName?: string;
  managerId?: string;
  emailEncoding: string;
  locale: string;
  language: string;
  timeZone: string;
  mobilePhone?: string;
  phone?: string;
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  employeeNumber?: string;
  companyName?: string;
  division?: string;
  department?: string;
}

const USER_COLUMNS =
  "Id, Username, Email, FirstName, LastName, Alias, CommunityNickname, Title, IsActive, ProfileId, Profile.Name, " +
  "UserRoleId, UserRole.Name, ManagerId, EmailEncodingKey, LocaleSidKey, LanguageLocaleKey, TimeZoneSidKey, " +
  "MobilePhone, Phone, Street, City, State, PostalCode, EmployeeNumber, CompanyName, Division, Department";

async function usersWhere(
  connection: SalesforceConnection | undefined,
  where: string,
): Promise<UserDetails[]> {
  const client = clientFor(connection);
  const rows = await client.query(`SELECT ${USER_COLUMNS} FROM User WHERE ${where} ORDER BY Username`);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => soql(String(r.Id))).join(", ");
  const logins = await client.query(`SELECT UserId, IsFrozen FROM UserLogin WHERE UserId IN (${ids})`);
  const frozen = new Set(logins.filter((l) => l.IsFrozen === true).map((l) => String(l.UserId)));
  return rows.map((r) => ({
    id: String(r.Id),
    username: String(r.Username),
    email: String(r.Email),
    firstName: str(r.FirstName),
    lastName: String(r.LastName),
    alias: String(r.Alias),
    nickname: str(r.CommunityNickname),
    title: str(r.Title),
    isActive: r.IsActive === true,
    isFrozen: frozen.has(String(r.Id)),
    profileId: String(r.ProfileId),
    profileName: str((r.Profile as SObjectRecord | null)?.Name),
    roleId: str(r.UserRoleId),
    roleName: str((r.UserRole as SObjectRecord | null)?.Name),
    managerId: str(r.ManagerId),
    emailEncoding: String(r.EmailEncodingKey),
    locale: String(r.LocaleSidKey),
    language: String(r.LanguageLocaleKey),
    timeZone: String(r.TimeZoneSidKey),
    mobilePhone: str(r.MobilePhone),
    phone: str(r.Phone),
    street: str(r.Street),
    city: str(r.City),
    state: str(r.State),
    postalCode: str(r.PostalCode),
    employeeNumber: str(r.EmployeeNumber),
    companyName: str(r.CompanyName),
    division: str(r.Division),
    department: str(r.Department),
  }));
}

function searchUsersBy(args: { username: string } & LookupOptions): Promise<UserDetails | undefined>;
function searchUsersBy(args: { email: string } & LookupOptions): Promise<UserDetails[]>;
async function searchUsersBy(
  args: ({ username: string } | { email: string }) & LookupOptions,
): Promise<UserDetails | undefined | UserDetails[]> {
  if ("username" in args) {
    const [user] = await usersWhere(args.connection, `Username = ${soql(args.username.toLowerCase())}`);
    return user;
  }
  return usersWhere(args.connection, `Email = ${soql(args.email)}`);
}
/** Exact search: by username one user (or undefined), by email every user with that address. */
export const searchUsers = checked("searchUsers", searchUsersBy);

/** One user by id, or undefined. */
export const getUser = checked(
  "getUser",
  async (args: { id: string } & LookupOptions): Promise<UserDetails | undefined> => {
    const [user] = await usersWhere(args.connection, `Id = ${soql(args.id)}`);
    return user;
  },
);

/** The ids of the leads a user owns. */
export const getUserLeads = checked(
  "getUserLeads",
  async (args: { userId: string } & LookupOptions): Promise<string[]> => {
    const rows = await clientFor(args.connection).query(
      `SELECT Id FROM Lead WHERE OwnerId = ${soql(args.userId)}`,
    );
    return rows.map((r) => String(r.Id));
  },
);

export interface AttachmentInfo {
  id: string;
  name: string;
  parentId: string;
  isPrivate: boolean;
  size: number;
  contentType?: string;
  /** "Attachment" (legacy notes and attachments) or "ContentDocument" (Files). */
  kind: "Attachment" | "ContentDocument";
}

/** The attachments and files of a record (the record must exist in `recordType`). */
export const getRecordAttachments = checked(
  "getRecordAttachments",
  async (args: { recordType: string; recordId: string } & LookupOptions): Promise<AttachmentInfo[]> => {
    const client = clientFor(args.connection);
    await client.retrieve(args.recordType, args.recordId, ["Id"]);
    const id = soql(args.recordId);
    const attachments = await client.query(
      `SELECT Id, Name, ParentId, IsPrivate, BodyLength, ContentType FROM Attachment WHERE ParentId = ${id}`,
    );
    const links = await client.query(
      "SELECT Id, ContentDocumentId, LinkedEntityId, ContentDocument.Title, ContentDocument.ContentSize, " +
        `ContentDocument.FileType FROM ContentDocumentLink WHERE LinkedEntityId = ${id}`,
    );
    return [
      ...attachments.map((a) => ({
        id: String(a.Id),
        name: String(a.Name),
        parentId: String(a.ParentId),
        isPrivate: a.IsPrivate === true,
        size: Number(a.BodyLength ?? 0),
        contentType: str(a.ContentType),
        kind: "Attachment" as const,
      })),
      ...links.map((l) => {
        const doc = (l.ContentDocument ?? {}) as SObjectRecord;
        return {
          id: String(l.ContentDocumentId),
          name: String(doc.Title),
          parentId: String(l.LinkedEntityId),
          isPrivate: false,
          size: Number(doc.ContentSize ?? 0),
          contentType: str(doc.FileType),
          kind: "ContentDocument" as const,
        };
      }),
    ];
  },
);

/** An attachment's bytes, base64-encoded, with their size. */
export const downloadAttachment = checked(
  "downloadAttachment",
  async (
    args: { id: string } & LookupOptions,
  ): Promise<{ size: number; content: string; contentType?: string }> => {
    const res = await clientFor(args.connection).http<Buffer>({
      method: "GET",
      path: `/sobjects/Attachment/${pathSegment(args.id)}/Body`,
      responseType: "arraybuffer",
      headers: { accept: "*/*" },
    });
    const bytes = Buffer.from(res.data);
    return {
      size: bytes.length,
      content: bytes.toString("base64"),
      contentType: res.headers["content-type"],
    };
  },
);

// The `...Output` forms: Inputs in, an Output out (core outputForm).
export const getProfilesOutput = outputForm(getProfiles);
export const getRolesOutput = outputForm(getRoles);
export const getPermissionSetsOutput = outputForm(getPermissionSets);
export const getPublicGroupsOutput = outputForm(getPublicGroups);
export const getPermissionSetLicensesOutput = outputForm(getPermissionSetLicenses);
export const getFeatureLicensesOutput = outputForm(getFeatureLicenses);
export const getPicklistValuesOutput = outputForm(getPicklistValues);
export const getUserOutput = outputForm(getUser);
export const getUserLeadsOutput = outputForm(getUserLeads);
export const getRecordAttachmentsOutput = outputForm(getRecordAttachments);
