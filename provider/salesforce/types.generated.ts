// Generated from provider/salesforce/schema.ts by scripts/gen-types.js (npm run build). Do not edit.

import type * as pulumi from "@pulumi/pulumi";

/** The inputs of an User. */
export interface UserArgs {
  /** Login name, email-shaped and unique across all Salesforce orgs. Changes in place. */
  username: pulumi.Input<string>;
  /** Email address. */
  email: pulumi.Input<string>;
  /** First name. */
  firstName?: pulumi.Input<string>;
  /** Last name. */
  lastName: pulumi.Input<string>;
  /** Short name for lists (max 8). Default: the username's local part cut to 8 characters. */
  alias?: pulumi.Input<string>;
  /** Profile by name (resolved by lookup). Give this or profileId. */
  profileName?: pulumi.Input<string>;
  /** Profile by id. */
  profileId?: pulumi.Input<string>;
  /** Role by name or developer name. */
  roleName?: pulumi.Input<string>;
  /** Role by id. */
  roleId?: pulumi.Input<string>;
  /** Community nickname (unique in the org). */
  nickname?: pulumi.Input<string>;
  /** Job title. */
  title?: pulumi.Input<string>;
  /**
   * EmailEncodingKey (the values the Metadata API documents).
   *
   * @default "UTF-8"
   */
  emailEncoding?: pulumi.Input<
    | "UTF-8"
    | "ISO-8859-1"
    | "Shift_JIS"
    | "ISO-2022-JP"
    | "EUC-JP"
    | "ks_c_5601-1987"
    | "Big5"
    | "GB2312"
    | "Big5-HKSCS"
    | "x-SJIS_0213"
  >;
  /**
   * LocaleSidKey, a Salesforce locale such as en_US or de_CH.
   *
   * @default "en_US"
   */
  locale?: pulumi.Input<string>;
  /**
   * LanguageLocaleKey: a fully supported or end-user language.
   *
   * @default "en_US"
   */
  language?: pulumi.Input<
    | "zh_CN"
    | "zh_TW"
    | "da"
    | "nl_NL"
    | "en_US"
    | "fi"
    | "fr"
    | "de"
    | "it"
    | "ja"
    | "ko"
    | "no"
    | "pt_BR"
    | "ru"
    | "es"
    | "es_MX"
    | "sv"
    | "th"
    | "ar"
    | "bg"
    | "hr"
    | "cs"
    | "en_GB"
    | "el"
    | "iw"
    | "hu"
    | "in"
    | "pl"
    | "pt_PT"
    | "ro"
    | "sk"
    | "sl"
    | "tr"
    | "uk"
    | "vi"
  >;
  /**
   * TimeZoneSidKey, an IANA time zone id such as Europe/Paris.
   *
   * @default "America/Los_Angeles"
   */
  timeZone?: pulumi.Input<string>;
  /** Mobile phone. */
  mobilePhone?: pulumi.Input<string>;
  /** Phone. */
  phone?: pulumi.Input<string>;
  /** Street. */
  street?: pulumi.Input<string>;
  /** City. */
  city?: pulumi.Input<string>;
  /** State or province. */
  state?: pulumi.Input<string>;
  /** Zip or postal code. */
  postalCode?: pulumi.Input<string>;
  /** Employee number. */
  employeeNumber?: pulumi.Input<string>;
  /** Company name. */
  companyName?: pulumi.Input<string>;
  /** Division. */
  division?: pulumi.Input<string>;
  /** Department. */
  department?: pulumi.Input<string>;
  /** Manager by user id. */
  managerId?: pulumi.Input<string>;
  /** Manager by username. */
  managerUsername?: pulumi.Input<string>;
  /**
   * Permission sets by Name or Label (PermissionSetAssignment). Only the ones listed are managed (unless `exact`); order does not matter.
   */
  permissionSets?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Public groups (Type Regular) by DeveloperName or Name (GroupMember). Only the ones listed are managed (unless `exact`); order does not matter.
   */
  publicGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Feature licences: the UserPermissions* checkboxes, e.g. MarketingUser or UserPermissionsMarketingUser. Only the ones listed are managed (unless `exact`).
   */
  featureLicenses?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Permission set licences by DeveloperName or MasterLabel (PermissionSetLicenseAssign). Only the ones listed are managed (unless `exact`); order does not matter.
   */
  permissionSetLicenses?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Also remove permission sets, groups and licences that were assigned by other means.
   *
   * @default false
   */
  exact?: pulumi.Input<boolean>;
  /**
   * IsActive. Deactivating frees the user licence.
   *
   * @default true
   */
  active?: pulumi.Input<boolean>;
  /**
   * UserLogin.IsFrozen: a frozen user cannot log in.
   *
   * @default false
   */
  frozen?: pulumi.Input<boolean>;
  /** Custom User fields by API name; multi-select values joined with ';'. */
  customFields?: pulumi.Input<Record<string, unknown>>;
  /** User id or username that receives the user's open leads when the resource is deleted. */
  leadsSuccessor?: pulumi.Input<string>;
  /**
   * Take over an existing user with the same username instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /** How to reach the org. Defaults to SF_AUTH_URL and friends. */
  connection?: pulumi.Input<{
    /**
     * An SFDX auth URL (`sf org display --verbose`): refreshed first, then used at its instance URL.
     */
    sfdxAuthUrl?: pulumi.Input<string>;
    /** The org's instance URL, for `accessToken`. */
    instanceUrl?: pulumi.Input<string>;
    /** A session id or OAuth access token. */
    accessToken?: pulumi.Input<string>;
    /**
     * Login host: https://login.salesforce.com (default), https://test.salesforce.com or a My Domain URL.
     */
    loginUrl?: pulumi.Input<string>;
    /** Connected app consumer key (JWT bearer; OAuth password flow). */
    clientId?: pulumi.Input<string>;
    /** Connected app consumer secret (OAuth password flow). */
    clientSecret?: pulumi.Input<string>;
    /** PEM private key whose certificate the connected app holds (JWT). */
    privateKey?: pulumi.Input<string>;
    /** The integration user's username (JWT bearer and password). */
    username?: pulumi.Input<string>;
    /** The user's password (password login). */
    password?: pulumi.Input<string>;
    /** Appended to the password when the login IP is not trusted. */
    securityToken?: pulumi.Input<string>;
    /** JWT `aud`; derived from loginUrl when absent. */
    audience?: pulumi.Input<string>;
    /** REST API version (default 62.0). */
    apiVersion?: pulumi.Input<string>;
  }>;
}

/** The outputs of an User: every input but the credentials, and what the API reports. */
export interface UserOutputs {
  /** Login name, email-shaped and unique across all Salesforce orgs. Changes in place. */
  readonly username: pulumi.Output<string>;
  /** Email address. */
  readonly email: pulumi.Output<string>;
  /** First name. */
  readonly firstName: pulumi.Output<string | undefined>;
  /** Last name. */
  readonly lastName: pulumi.Output<string>;
  /** Short name for lists (max 8). Default: the username's local part cut to 8 characters. */
  readonly alias: pulumi.Output<string | undefined>;
  /** The profile's name, whichever way it was given. */
  readonly profileName: pulumi.Output<string>;
  /** The profile's id, whichever way it was given. */
  readonly profileId: pulumi.Output<string>;
  /** The role's name, when the user has a role. */
  readonly roleName: pulumi.Output<string | undefined>;
  /** The role's id, when the user has a role. */
  readonly roleId: pulumi.Output<string | undefined>;
  /** Community nickname (unique in the org). */
  readonly nickname: pulumi.Output<string | undefined>;
  /** Job title. */
  readonly title: pulumi.Output<string | undefined>;
  /** EmailEncodingKey (the values the Metadata API documents). */
  readonly emailEncoding: pulumi.Output<
    | "UTF-8"
    | "ISO-8859-1"
    | "Shift_JIS"
    | "ISO-2022-JP"
    | "EUC-JP"
    | "ks_c_5601-1987"
    | "Big5"
    | "GB2312"
    | "Big5-HKSCS"
    | "x-SJIS_0213"
  >;
  /** LocaleSidKey, a Salesforce locale such as en_US or de_CH. */
  readonly locale: pulumi.Output<string>;
  /** LanguageLocaleKey: a fully supported or end-user language. */
  readonly language: pulumi.Output<
    | "zh_CN"
    | "zh_TW"
    | "da"
    | "nl_NL"
    | "en_US"
    | "fi"
    | "fr"
    | "de"
    | "it"
    | "ja"
    | "ko"
    | "no"
    | "pt_BR"
    | "ru"
    | "es"
    | "es_MX"
    | "sv"
    | "th"
    | "ar"
    | "bg"
    | "hr"
    | "cs"
    | "en_GB"
    | "el"
    | "iw"
    | "hu"
    | "in"
    | "pl"
    | "pt_PT"
    | "ro"
    | "sk"
    | "sl"
    | "tr"
    | "uk"
    | "vi"
  >;
  /** TimeZoneSidKey, an IANA time zone id such as Europe/Paris. */
  readonly timeZone: pulumi.Output<string>;
  /** Mobile phone. */
  readonly mobilePhone: pulumi.Output<string | undefined>;
  /** Phone. */
  readonly phone: pulumi.Output<string | undefined>;
  /** Street. */
  readonly street: pulumi.Output<string | undefined>;
  /** City. */
  readonly city: pulumi.Output<string | undefined>;
  /** State or province. */
  readonly state: pulumi.Output<string | undefined>;
  /** Zip or postal code. */
  readonly postalCode: pulumi.Output<string | undefined>;
  /** Employee number. */
  readonly employeeNumber: pulumi.Output<string | undefined>;
  /** Company name. */
  readonly companyName: pulumi.Output<string | undefined>;
  /** Division. */
  readonly division: pulumi.Output<string | undefined>;
  /** Department. */
  readonly department: pulumi.Output<string | undefined>;
  /** The manager's user id, when the user has a manager. */
  readonly managerId: pulumi.Output<string | undefined>;
  /** The manager's username, when the user has a manager. */
  readonly managerUsername: pulumi.Output<string | undefined>;
  /**
   * Permission sets by Name or Label (PermissionSetAssignment). Only the ones listed are managed (unless `exact`); order does not matter.
   */
  readonly permissionSets: pulumi.Output<string[] | undefined>;
  /**
   * Public groups (Type Regular) by DeveloperName or Name (GroupMember). Only the ones listed are managed (unless `exact`); order does not matter.
   */
  readonly publicGroups: pulumi.Output<string[] | undefined>;
  /**
   * Feature licences: the UserPermissions* checkboxes, e.g. MarketingUser or UserPermissionsMarketingUser. Only the ones listed are managed (unless `exact`).
   */
  readonly featureLicenses: pulumi.Output<string[] | undefined>;
  /**
   * Permission set licences by DeveloperName or MasterLabel (PermissionSetLicenseAssign). Only the ones listed are managed (unless `exact`); order does not matter.
   */
  readonly permissionSetLicenses: pulumi.Output<string[] | undefined>;
  /** Also remove permission sets, groups and licences that were assigned by other means. */
  readonly exact: pulumi.Output<boolean>;
  /** IsActive. Deactivating frees the user licence. */
  readonly active: pulumi.Output<boolean>;
  /** UserLogin.IsFrozen: a frozen user cannot log in. */
  readonly frozen: pulumi.Output<boolean>;
  /** Custom User fields by API name; multi-select values joined with ';'. */
  readonly customFields: pulumi.Output<Record<string, unknown> | undefined>;
  /** User id or username that receives the user's open leads when the resource is deleted. */
  readonly leadsSuccessor: pulumi.Output<string | undefined>;
  /** Take over an existing user with the same username instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
}

/** Where and as whom to call the API. */
export interface SalesforceConnection {
  /**
   * An SFDX auth URL (`sf org display --verbose`): refreshed first, then used at its instance URL.
   */
  sfdxAuthUrl?: string;
  /** The org's instance URL, for `accessToken`. */
  instanceUrl?: string;
  /** A session id or OAuth access token. */
  accessToken?: string;
  /**
   * Login host: https://login.salesforce.com (default), https://test.salesforce.com or a My Domain URL.
   */
  loginUrl?: string;
  /** Connected app consumer key (JWT bearer; OAuth password flow). */
  clientId?: string;
  /** Connected app consumer secret (OAuth password flow). */
  clientSecret?: string;
  /** PEM private key whose certificate the connected app holds (JWT). */
  privateKey?: string;
  /** The integration user's username (JWT bearer and password). */
  username?: string;
  /** The user's password (password login). */
  password?: string;
  /** Appended to the password when the login IP is not trusted. */
  securityToken?: string;
  /** JWT `aud`; derived from loginUrl when absent. */
  audience?: string;
  /** REST API version (default 62.0). */
  apiVersion?: string;
}
