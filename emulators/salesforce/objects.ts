/** The sObject types the emulator serves: fields (for validation and describe) and the calls each supports. */

export type FieldType =
  | "id"
  | "string"
  | "email"
  | "phone"
  | "textarea"
  | "boolean"
  | "int"
  | "date"
  | "datetime"
  | "reference"
  | "picklist"
  | "multipicklist"
  | "base64";

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  length?: number;
  required?: boolean;
  createable: boolean;
  updateable: boolean;
  referenceTo?: string[];
  picklist?: string[];
  /** Values outside the list are refused (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
  restricted?: boolean;
  defaultValue?: unknown;
  custom?: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  keyPrefix: string;
  fields: FieldDef[];
  create: boolean;
  update: boolean;
  delete: boolean;
}

const labelOf = (name: string) =>
  name
    .replace(/__c$/, "")
    .replace(/Id$/, "")
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2");
type Extra = Partial<FieldDef>;
const f = (name: string, type: FieldType, extra: Extra = {}): FieldDef => ({
  name,
  type,
  label: labelOf(name),
  createable: true,
  updateable: true,
  ...extra,
});
const str = (name: string, length = 80, extra: Extra = {}) => f(name, "string", { length, ...extra });
const bool = (name: string, extra: Extra = {}) => f(name, "boolean", { defaultValue: false, ...extra });
const ref = (name: string, to: string[], extra: Extra = {}) =>
  f(name, "reference", { referenceTo: to, ...extra });
const pick = (name: string, values: string[], extra: Extra = {}) =>
  f(name, "picklist", { picklist: values, restricted: true, ...extra });
const readOnly: Extra = { createable: false, updateable: false };
const createOnly: Extra = { updateable: false };
const system = [
  f("Id", "id", readOnly),
  f("CreatedDate", "datetime", readOnly),
  f("LastModifiedDate", "datetime", readOnly),
];

export const TIME_ZONES = [
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
  "GMT",
];
/**
 * A subset of Salesforce's LocaleSidKey values (its full list was not available to copy). The German ones from
 * de_AT on are taken from a translation vendor's table of Salesforce locales (help.smartling.com, "Smartling to
 * Salesforce Language Mappings"), not from Salesforce itself: INVENTED in so far as no Salesforce source here
 * confirms them (de_CH is also orgplane's README example).
 */
export const LOCALES = [
  "en_US",
  "en_GB",
  "en_CA",
  "en_AU",
  "fr_FR",
  "de_DE",
  "es_ES",
  "ja_JP",
  "pt_BR",
  "de_AT",
  "de_BE",
  "de_CH",
  "de_LI",
  "de_LU",
];
export const LANGUAGES = ["en_US", "en_GB", "fr", "de", "es", "ja", "pt_BR"];
export const EMAIL_ENCODINGS = [
  "UTF-8",
  "ISO-8859-1",
  "Shift_JIS",
  "ISO-2022-JP",
  "EUC-JP",
  "ks_c_5601-1987",
];

/** The User checkboxes that grant feature licences (a subset of the real list). */
export const FEATURE_FLAGS = [
  "UserPermissionsMarketingUser",
  "UserPermissionsOfflineUser",
  "UserPermissionsKnowledgeUser",
  "UserPermissionsSFContentUser",
  "UserPermissionsSupportUser",
  "UserPermissionsInteractionUser",
  "UserPermissionsCallCenterAutoLogin",
  "UserPermissionsMobileUser",
];

const user: ObjectDef = {
  name: "User",
  label: "User",
  keyPrefix: "005",
  create: true,
  update: true,
  delete: false,
  fields: [
    ...system,
    f("Username", "email", { length: 80, required: true }),
    str("LastName", 80, { required: true }),
    str("FirstName", 40),
    f("Name", "string", readOnly),
    f("Email", "email", { length: 128, required: true }),
    str("Alias", 8, { required: true }),
    str("CommunityNickname", 40),
    str("Title", 80),
    pick("TimeZoneSidKey", TIME_ZONES, { required: true, label: "Time Zone" }),
    pick("LocaleSidKey", LOCALES, { required: true, label: "Locale" }),
    pick("EmailEncodingKey", EMAIL_ENCODINGS, { required: true, label: "Email Encoding" }),
    pick("LanguageLocaleKey", LANGUAGES, { required: true, label: "Language" }),
    ref("ProfileId", ["Profile"], { required: true }),
    ref("UserRoleId", ["UserRole"], { label: "Role" }),
    ref("ManagerId", ["User"]),
    bool("IsActive", { defaultValue: true, label: "Active" }),
    f("MobilePhone", "phone", { length: 40 }),
    f("Phone", "phone", { length: 40 }),
    str("Street", 255),
    str("City", 40),
    str("State", 80, { label: "State/Province" }),
    str("PostalCode", 20, { label: "Zip/Postal Code" }),
    str("Country", 80),
    str("EmployeeNumber", 20),
    str("CompanyName", 80),
    str("Division", 80),
    str("Department", 80),
    str("FederationIdentifier", 512),
    f("UserType", "string", readOnly),
    ...FEATURE_FLAGS.map((name) => bool(name, { label: labelOf(name.replace("UserPermissions", "")) })),
    f("Regions__c", "multipicklist", { picklist: ["AMER", "EMEA", "APAC", "LATAM"], custom: true }),
    str("Badge_Id__c", 20, { custom: true, label: "Badge Id" }),
  ],
};

const definitions: ObjectDef[] = [
  user,
  {
    name: "UserLogin",
    label: "User Login",
    keyPrefix: "060",
    create: false,
    update: true,
    delete: false,
    fields: [...system, ref("UserId", ["User"], readOnly), bool("IsFrozen"), bool("IsPasswordLocked")],
  },
  {
    name: "Profile",
    label: "Profile",
    keyPrefix: "00e",
    create: false,
    update: false,
    delete: false,
    fields: [...system, str("Name", 255), ref("UserLicenseId", ["UserLicense"]), str("UserType", 40)],
  },
  {
    name: "UserLicense",
    label: "User License",
    keyPrefix: "100",
    create: false,
    update: false,
    delete: false,
    fields: [
      ...system,
      str("Name", 40),
      str("LicenseDefinitionKey", 40),
      f("TotalLicenses", "int"),
      f("UsedLicenses", "int", readOnly),
      str("Status", 40),
    ],
  },
  {
    name: "UserRole",
    label: "Role",
    keyPrefix: "00E",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      str("Name", 80, { required: true }),
      str("DeveloperName", 80),
      ref("ParentRoleId", ["UserRole"]),
    ],
  },
  {
    name: "PermissionSet",
    label: "Permission Set",
    keyPrefix: "0PS",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      str("Name", 80, { required: true }),
      str("Label", 80, { required: true }),
      str("Description", 255),
      bool("IsOwnedByProfile", readOnly),
      ref("ProfileId", ["Profile"], readOnly),
      ref("LicenseId", ["PermissionSetLicense"], createOnly),
    ],
  },
  {
    name: "PermissionSetAssignment",
    label: "Permission Set Assignment",
    keyPrefix: "0Pa",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      ref("AssigneeId", ["User"], { required: true, ...createOnly }),
      ref("PermissionSetId", ["PermissionSet"], { required: true, ...createOnly }),
      ref("PermissionSetGroupId", ["PermissionSetGroup"], createOnly),
      f("ExpirationDate", "date"),
      bool("IsActive", { defaultValue: true, ...readOnly }),
    ],
  },
  {
    name: "Group",
    label: "Group",
    keyPrefix: "00G",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      str("Name", 40, { required: true }),
      str("DeveloperName", 80),
      pick("Type", ["Regular", "Queue", "Role", "RoleAndSubordinates", "Organization", "Manager"], {
        defaultValue: "Regular",
        ...createOnly,
      }),
      bool("DoesIncludeBosses", { defaultValue: true }),
      str("Description", 255),
    ],
  },
  {
    name: "GroupMember",
    label: "Group Member",
    keyPrefix: "011",
    create: true,
    update: false,
    delete: true,
    fields: [
      ...system,
      ref("GroupId", ["Group"], { required: true, ...createOnly }),
      ref("UserOrGroupId", ["User", "Group"], { required: true, ...createOnly }),
    ],
  },
  {
    name: "PermissionSetLicense",
    label: "Permission Set License",
    keyPrefix: "0PL",
    create: false,
    update: false,
    delete: false,
    fields: [
      ...system,
      str("DeveloperName", 80),
      str("MasterLabel", 80),
      f("TotalLicenses", "int"),
      f("UsedLicenses", "int", readOnly),
      f("ExpirationDate", "date"),
      str("Status", 40),
    ],
  },
  {
    name: "PermissionSetLicenseAssign",
    label: "Permission Set License Assignment",
    keyPrefix: "2LA",
    create: true,
    update: false,
    delete: true,
    fields: [
      ...system,
      ref("AssigneeId", ["User"], { required: true, ...createOnly }),
      ref("PermissionSetLicenseId", ["PermissionSetLicense"], { required: true, ...createOnly }),
    ],
  },
  {
    name: "Lead",
    label: "Lead",
    keyPrefix: "00Q",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      str("FirstName", 40),
      str("LastName", 80, { required: true }),
      str("Company", 255, { required: true }),
      f("Email", "email", { length: 80 }),
      pick(
        "Status",
        ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"],
        { defaultValue: "Open - Not Contacted" },
      ),
      ref("OwnerId", ["User", "Group"]),
      bool("IsConverted", readOnly),
    ],
  },
  {
    name: "Attachment",
    label: "Attachment",
    keyPrefix: "00P",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      ref("ParentId", ["Lead", "User"], { required: true, ...createOnly }),
      str("Name", 255, { required: true }),
      f("Body", "base64", { required: true }),
      str("ContentType", 120),
      bool("IsPrivate"),
      f("BodyLength", "int", readOnly),
      str("Description", 500),
      ref("OwnerId", ["User"]),
    ],
  },
  {
    name: "ContentVersion",
    label: "Content Version",
    keyPrefix: "068",
    create: true,
    update: false,
    delete: false,
    fields: [
      ...system,
      str("Title", 255, { required: true }),
      str("PathOnClient", 500, { required: true }),
      f("VersionData", "base64", { required: true }),
      ref("FirstPublishLocationId", ["Lead", "User"], createOnly),
      ref("ContentDocumentId", ["ContentDocument"], readOnly),
      f("ContentSize", "int", readOnly),
      str("FileType", 20, readOnly),
    ],
  },
  {
    name: "ContentDocument",
    label: "Content Document",
    keyPrefix: "069",
    create: false,
    update: false,
    delete: true,
    fields: [
      ...system,
      str("Title", 255, readOnly),
      f("ContentSize", "int", readOnly),
      str("FileType", 20, readOnly),
      ref("LatestPublishedVersionId", ["ContentVersion"], readOnly),
    ],
  },
  {
    name: "ContentDocumentLink",
    label: "Content Document Link",
    keyPrefix: "06A",
    create: true,
    update: true,
    delete: true,
    fields: [
      ...system,
      ref("ContentDocumentId", ["ContentDocument"], { required: true, ...createOnly }),
      ref("LinkedEntityId", ["Lead", "User"], { required: true, ...createOnly }),
      pick("ShareType", ["V", "C", "I"], { defaultValue: "V" }),
      pick("Visibility", ["AllUsers", "InternalUsers", "SharedUsers"], { defaultValue: "AllUsers" }),
    ],
  },
  {
    name: "Organization",
    label: "Organization",
    keyPrefix: "00D",
    create: false,
    update: false,
    delete: false,
    fields: [
      ...system,
      str("Name", 80, readOnly),
      str("OrganizationType", 40, readOnly),
      str("InstanceName", 10, readOnly),
      bool("IsSandbox", readOnly),
      f("TrialExpirationDate", "datetime", readOnly),
      str("NamespacePrefix", 15, readOnly),
    ],
  },
];

export const OBJECTS = new Map(definitions.map((d) => [d.name.toLowerCase(), d]));

/** The definition of a type by its API name, any case. */
export function objectDef(type: string): ObjectDef | undefined {
  return OBJECTS.get(type.toLowerCase());
}

export function fieldDef(def: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return def.fields.find((field) => field.name.toLowerCase() === lower);
}
