import { z } from "zod";
import {
  baseUrl,
  conflictsWith,
  exactlyOneOf,
  field,
  inputSpec,
  localOnly,
  lower,
  nameText,
  salesforceUsername,
  SFDX_AUTH_URL,
  timeZoneId,
  topLevelKeys,
  withRules,
  backendConnection,
  fromEnv,
  connectionText,
  signInFlows,
  ruleThat,
  lookupArgsWith,
} from "../core";

/**
 * The values Salesforce documents for the User picklists orgplane sets, checked offline so that a typo stops at
 * check instead of failing the create with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.
 */

const words = (text: string) => text.trim().split(/\s+/) as [string, ...string[]];

/** LanguageLocaleKey: the fully supported, then the end-user languages (Metadata API guide, "Translations"). */
export const LANGUAGES = words(`
  zh_CN zh_TW da nl_NL en_US fi fr de it ja ko no pt_BR ru es es_MX sv th
  ar bg hr cs en_GB el iw hu in pl pt_PT ro sk sl tr uk vi`);

/** EmailEncodingKey: the Encoding enumeration of the Metadata API WSDL. */
export const EMAIL_ENCODINGS = words(`
  UTF-8 ISO-8859-1 Shift_JIS ISO-2022-JP EUC-JP ks_c_5601-1987 Big5 GB2312 Big5-HKSCS x-SJIS_0213`);

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/**
 * LocaleSidKey: Salesforce's locales are Java locale ids, `language[_Script][_COUNTRY][_variant]` (en_US,
 * de_CH, sr_Latn_RS, ja_JP): an ISO 639 language and an ISO 3166 country known to the runtime's locale data. A
 * form check only: Salesforce's list of supported locales was not available to copy, so fr_JP passes here.
 */
export function isSalesforceLocale(value: string): boolean {
  const match = /^([a-z]{2,3})(?:_[A-Z][a-z]{3})?(?:_([A-Z]{2}))?(?:_[A-Z0-9]+)?$/.exec(value);
  if (!match) return false;
  const [, language, country] = match;
  const knownCountry = country === undefined || (country !== "ZZ" && regionNames.of(country) !== undefined);
  return languageNames.of(language) !== undefined && knownCountry;
}

export const DEFAULT_API_VERSION = "62.0";
export const DEFAULT_LOGIN_URL = "https://login.salesforce.com";

const httpUrl = () => baseUrl();

/** Password login without a connected app's secret: jsforce then logs in through SOAP login(). */
const soapLogin = (c: Record<string, unknown>) =>
  !c.sfdxAuthUrl && !c.accessToken && !c.privateKey && !!c.password && !(c.clientId && c.clientSecret);

export const { connectionSchema, connectionEnv, connectionSource, kindInputs } = backendConnection(
  "salesforce",
  {
    sfdxAuthUrl: fromEnv(
      "SF_AUTH_URL",
      z
        .string()
        .regex(SFDX_AUTH_URL, { message: "must be force://<clientId>:<clientSecret>:<refreshToken>@<host>" })
        .optional()
        .describe(
          "An SFDX auth URL (`sf org display --verbose`): refreshed first, then used at its instance URL.",
        ),
    ),
    instanceUrl: fromEnv(
      "SF_INSTANCE_URL",
      httpUrl().optional().describe("The org's instance URL, for `accessToken`."),
    ),
    accessToken: connectionText("SF_ACCESS_TOKEN", "A session id or OAuth access token."),
    loginUrl: fromEnv(
      "SF_LOGIN_URL",
      httpUrl()
        .optional()
        .describe(
          "Login host: https://login.salesforce.com (default), https://test.salesforce.com or a My Domain URL.",
        ),
    ),
    clientId: connectionText("SF_CLIENT_ID", "Connected app consumer key (JWT bearer; OAuth password flow)."),
    clientSecret: fromEnv(
      "SF_CLIENT_SECRET",
      z.string().optional().describe("Connected app consumer secret (OAuth password flow)."),
    ),
    privateKey: connectionText(
      "SF_PRIVATE_KEY",
      "PEM private key whose certificate the connected app holds (JWT).",
    ),
    username: connectionText("SF_USERNAME", "The integration user's username (JWT bearer and password)."),
    password: connectionText("SF_PASSWORD", "The user's password (password login)."),
    securityToken: fromEnv(
      "SF_SECURITY_TOKEN",
      z.string().optional().describe("Appended to the password when the login IP is not trusted."),
    ),
    audience: fromEnv(
      "SF_AUDIENCE",
      httpUrl().optional().describe("JWT `aud`; derived from loginUrl when absent."),
    ),
    apiVersion: fromEnv(
      "SF_API_VERSION",
      z
        .string()
        .regex(/^\d{2}\.0$/, { message: "must look like 62.0" })
        .optional()
        .describe(`REST API version (default ${DEFAULT_API_VERSION}).`),
    ),
  },
  {
    // One object for the four ways to connect: the first credential present wins (sfdxAuthUrl, accessToken,
    // privateKey for JWT bearer, password), and only that form's companions are required.
    rules: [
      // Without a connected app's secret, jsforce logs in through SOAP login(), gone from API 65.0 on.
      ruleThat({
        field: "clientSecret",
        text:
          `password login without \`clientId\` + \`clientSecret\` (SOAP login()) needs \`apiVersion\` ` +
          `below 65.0 (default ${DEFAULT_API_VERSION})`,
        holds: (c) => !soapLogin(c) || Number(c.apiVersion ?? DEFAULT_API_VERSION) < 65,
        reason: (c) =>
          `with password and no clientId + clientSecret, login goes through SOAP login(), which Salesforce ` +
          `removed from API 65.0 (apiVersion is ${c.apiVersion}). Use JWT bearer (privateKey + clientId + ` +
          "username) or a refresh token (sfdxAuthUrl) instead, or a connected app (clientId + clientSecret) " +
          "where the OAuth username-password flow is still allowed",
      }),
      signInFlows(
        { by: "sfdxAuthUrl" },
        { by: "accessToken", needs: ["instanceUrl"] },
        { by: "privateKey", needs: ["clientId", "username"], why: "for the JWT bearer flow" },
        { by: "password", needs: ["username"] },
      ),
    ],
    help: "How to reach the org. Defaults to SF_AUTH_URL and friends.",
  },
);
export type SalesforceConnection = z.infer<typeof connectionSchema>;

const flagList = (value: unknown) =>
  Array.isArray(value)
    ? value.map((n) => (String(n).startsWith("UserPermissions") ? n : `UserPermissions${n}`)).sort()
    : value;
const sortedList = (value: unknown) => (Array.isArray(value) ? [...value].map(String).sort() : value);
const idOf = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$`), {
    message: `must be ${what} id (15 or 18 characters starting with ${prefix})`,
  });
const text = (max: number) => z.string().max(max);
const nameList = (what: string) =>
  field(z.array(nameText()).optional(), { normalize: sortedList }).describe(
    `${what} Only the ones listed are managed (unless \`exact\`); order does not matter.`,
  );

/** Derived alias, as the seed says: the username's local part, cut to 8 characters. */
export const aliasFor = (username: string) => username.split("@")[0].slice(0, 8);

const USER_ID = /^005[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;

export const userInputs = withRules(
  kindInputs(
    {
      username: field(salesforceUsername(), { normalize: lower, naturalKey: true }).describe(
        "Login name, email-shaped and unique across all Salesforce orgs. Changes in place.",
      ),
      email: field(z.email().max(128), { normalize: lower }).describe("Email address."),
      firstName: nameText().max(40).optional().describe("First name."),
      lastName: nameText().min(1).max(80).describe("Last name."),
      alias: nameText()
        .min(1)
        .max(8)
        .optional()
        .describe("Short name for lists (max 8). Default: the username's local part cut to 8 characters."),
      profileName: field(nameText().optional(), { computed: true }).describe(
        "Profile by name (resolved by lookup). Give this or profileId.",
      ),
      profileId: field(idOf("00e", "a profile").optional(), { computed: true }).describe("Profile by id."),
      roleName: field(nameText().optional(), { computed: true }).describe("Role by name or developer name."),
      roleId: field(idOf("00E", "a role").optional(), { computed: true }).describe("Role by id."),
      nickname: nameText().min(1).max(40).optional().describe("Community nickname (unique in the org)."),
      title: text(80).optional().describe("Job title."),
      emailEncoding: z
        .enum(EMAIL_ENCODINGS)
        .default("UTF-8")
        .describe("EmailEncodingKey (the values the Metadata API documents)."),
      locale: z
        .string()
        .refine(isSalesforceLocale, { message: "must be a Salesforce locale such as en_US or de_CH" })
        .default("en_US")
        .describe(
          "LocaleSidKey such as en_US or de_CH. Check tests its form (a known ISO language, optionally a " +
            "known country), not Salesforce's list.",
        ),
      language: z
        .enum(LANGUAGES)
        .default("en_US")
        .describe("LanguageLocaleKey: a fully supported or end-user language."),
      timeZone: timeZoneId("America/Los_Angeles")
        .default("America/Los_Angeles")
        .describe("TimeZoneSidKey, an IANA time zone id such as Europe/Paris."),
      mobilePhone: text(40).optional().describe("Mobile phone."),
      phone: text(40).optional().describe("Phone."),
      street: text(255).optional().describe("Street."),
      city: text(40).optional().describe("City."),
      state: text(80).optional().describe("State or province."),
      postalCode: text(20).optional().describe("Zip or postal code."),
      employeeNumber: text(20).optional().describe("Employee number."),
      companyName: text(80).optional().describe("Company name."),
      division: text(80).optional().describe("Division."),
      department: text(80).optional().describe("Department."),
      managerId: field(idOf("005", "a user").optional(), { computed: true }).describe("Manager by user id."),
      managerUsername: field(salesforceUsername().optional(), { computed: true, normalize: lower }).describe(
        "Manager by username.",
      ),
      permissionSets: nameList("Permission sets by Name or Label (PermissionSetAssignment)."),
      publicGroups: nameList("Public groups (Type Regular) by DeveloperName or Name (GroupMember)."),
      featureLicenses: field(
        z
          .array(
            z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, { message: "must be a flag name like MarketingUser" }),
          )
          .optional(),
        { normalize: flagList },
      ).describe(
        "Feature licences: the UserPermissions* checkboxes, e.g. MarketingUser or UserPermissionsMarketingUser. " +
          "Only the ones listed are managed (unless `exact`).",
      ),
      permissionSetLicenses: nameList(
        "Permission set licences by DeveloperName or MasterLabel (PermissionSetLicenseAssign).",
      ),
      exact: z
        .boolean()
        .default(false)
        .describe("Also remove permission sets, groups and licences that were assigned by other means."),
      active: z.boolean().default(true).describe("IsActive. Deactivating frees the user licence."),
      frozen: z.boolean().default(false).describe("UserLogin.IsFrozen: a frozen user cannot log in."),
      customFields: z
        .record(
          z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, {
            message: "must be a custom field API name (ends in __c)",
          }),
          z.unknown(),
        )
        .optional()
        .describe("Custom User fields by API name; multi-select values joined with ';'."),
      leadsSuccessor: localOnly(
        z
          .string()
          .min(1)
          .refine((v) => USER_ID.test(v) || /^[^\s@]+@[^\s@]+$/.test(v), {
            message: "must be a user id (005...) or a username",
          })
          .optional(),
      ).describe("User id or username that receives the user's open leads when the resource is deleted."),
    },
    "Take over an existing user with the same username instead of failing.",
  ),
  [
    exactlyOneOf("profileName", "profileId"),
    conflictsWith("roleName", "roleId"),
    conflictsWith("managerUsername", "managerId"),
  ],
).transform((user) => ({ ...user, alias: user.alias ?? aliasFor(user.username) }));

export type UserInputs = z.infer<typeof userInputs>;
/** Outputs beyond the inputs: the lookups resolved both ways. */
export const userOutputs = z.object({
  profileId: z.string().describe("The profile's id, whichever way it was given."),
  profileName: z.string().describe("The profile's name, whichever way it was given."),
  roleId: z.string().optional().describe("The role's id, when the user has a role."),
  roleName: z.string().optional().describe("The role's name, when the user has a role."),
  managerId: z.string().optional().describe("The manager's user id, when the user has a manager."),
  managerUsername: z.string().optional().describe("The manager's username, when the user has a manager."),
});
export const userSpec = inputSpec(userInputs, { outputs: userOutputs });
export const userOutputKeys = topLevelKeys(userOutputs);

/** An sObject's API name (Account, Region__c, ns__Thing__c): it goes into REST paths, so nothing else passes. */
const apiName = () =>
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
    message: "must be an API name such as Lead or Region__c (a letter, then letters, digits or _)",
  });
const recordId = () =>
  z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, {
    message: "must be a record id (15 or 18 letters and digits)",
  });

/** The arguments of each lookup (functions.ts), checked before any call. */
const { argsOf, oneOf } = lookupArgsWith(connectionSchema);
export const lookups = {
  getProfiles: argsOf({}),
  getRoles: argsOf({}),
  getPermissionSets: argsOf({}),
  getPublicGroups: argsOf({}),
  getPermissionSetLicenses: argsOf({}),
  getFeatureLicenses: argsOf({}),
  getPicklistValues: argsOf({
    object: apiName().describe("The sObject's API name."),
    field: nameText().describe("The field's API name or label."),
  }),
  searchUsers: oneOf({
    username: salesforceUsername().optional().describe("Exact username (case-insensitive)."),
    email: z.email().max(128).optional().describe("Exact email address."),
  }),
  getUser: argsOf({ id: idOf("005", "a user").describe("The user's id.") }),
  getUserLeads: argsOf({ userId: idOf("005", "a user").describe("The owner's user id.") }),
  getRecordAttachments: argsOf({
    recordType: apiName().describe("The record's sObject API name."),
    recordId: recordId().describe("The record's id."),
  }),
  downloadAttachment: argsOf({ id: idOf("00P", "an attachment").describe("The Attachment's id.") }),
};

/** A REST path for the Custom API action: no control characters, and no `.` or `..` segment (also encoded). */
const restPath = () =>
  nameText().refine(
    (path) =>
      !path
        .split(/[?#]/)[0]
        .split("/")
        .some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment)),
    { message: "must not have . or .. path segments" },
  );

/** The arguments of each action (actions.ts), checked before any call. */
export const actions = {
  request: argsOf({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).describe("The HTTP method."),
    path: restPath().describe("`/services/...`, or a path relative to `/services/data/vXX.X`."),
    query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    body: z.unknown().optional(),
    headers: z.record(nameText(), z.string()).optional(),
  }),
  transferLeads: argsOf({
    fromUserId: idOf("005", "a user").describe("The user whose open leads move."),
    toUserId: idOf("005", "a user").describe("The user who gets them."),
  }),
};
