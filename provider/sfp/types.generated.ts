// Generated from provider/sfp/schema.ts by scripts/gen-types.js (npm run build). Do not edit.

import type * as pulumi from "@pulumi/pulumi";

/** The inputs of a SalesforceOrgRegistration. */
export interface SalesforceOrgRegistrationArgs {
  /** The org's SFDX auth URL. Write-only: state keeps a hash. */
  sfdxAuthUrl: pulumi.Input<string>;
  /**
   * The org user's username. Defaults to the auth URL's user. A change replaces the registration.
   */
  username?: pulumi.Input<string>;
  /** The org's instance URL. Defaults to the one the auth URL leads to. */
  instanceUrl?: pulumi.Input<string>;
  /**
   * Whether the org is a DevHub.
   *
   * @default false
   */
  isDevHub?: pulumi.Input<boolean>;
  /**
   * Whether this is the default DevHub (only one registration can be).
   *
   * @default false
   */
  isDefault?: pulumi.Input<boolean>;
  /**
   * Free key/value pairs (environment, owner...): at most 50 keys of 1 to 64 characters (not blank, no control characters, not `__proto__`); values are numbers, booleans or strings of at most 1024 characters.
   *
   * @default {}
   */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean>>>;
  /**
   * Skip the server's connection check (testing only).
   *
   * @default false
   */
  skipValidation?: pulumi.Input<boolean>;
  /**
   * Take over an existing registration with the same username instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Where and as whom to call the sfp server. Defaults to SFP_SERVER_URL and SFP_SERVER_TOKEN.
   */
  connection?: pulumi.Input<{
    /** The sfp server's base URL, e.g. https://sfp.example.com. */
    url: pulumi.Input<string>;
    /** A bearer token: an owner's access token or an application token. */
    token: pulumi.Input<string>;
  }>;
}

/** The outputs of a SalesforceOrgRegistration: every input but the credentials, and what the API reports. */
export interface SalesforceOrgRegistrationOutputs {
  /** The org user's username: the registration's id. */
  readonly username: pulumi.Output<string>;
  /** The org's instance URL. */
  readonly instanceUrl: pulumi.Output<string>;
  /** Whether the org is a DevHub. */
  readonly isDevHub: pulumi.Output<boolean>;
  /** Whether this is the default DevHub (only one registration can be). */
  readonly isDefault: pulumi.Output<boolean>;
  /**
   * Free key/value pairs (environment, owner...): at most 50 keys of 1 to 64 characters (not blank, no control characters, not `__proto__`); values are numbers, booleans or strings of at most 1024 characters.
   */
  readonly metadata: pulumi.Output<Record<string, string | number | boolean>>;
  /** Skip the server's connection check (testing only). */
  readonly skipValidation: pulumi.Output<boolean>;
  /** Take over an existing registration with the same username instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
  /** The Salesforce org id (empty when the server skipped validation). */
  readonly orgId: pulumi.Output<string>;
  /** The org's type as Salesforce reports it, e.g. Developer Edition. */
  readonly organizationType: pulumi.Output<string>;
  /** The Salesforce instance the org runs on, e.g. CS42. */
  readonly instanceName: pulumi.Output<string>;
  /** Whether the server reaches the org through its production org's credentials (a sandbox). */
  readonly isJitRegistration: pulumi.Output<boolean>;
  /** The production org's username, for a sandbox registered by name. */
  readonly parentProductionUsername: pulumi.Output<string | undefined>;
  /** When the server registered the org (ISO 8601). */
  readonly createdAt: pulumi.Output<string>;
}

/** The inputs of a SandboxRegistration. */
export interface SandboxRegistrationArgs {
  /** The sandbox's name. A change replaces. */
  sandboxName: pulumi.Input<string>;
  /** The registered production org whose user created the sandbox. A change replaces. */
  productionUsername: pulumi.Input<string>;
  /**
   * Take over an existing registration with the same username instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Where and as whom to call the sfp server. Defaults to SFP_SERVER_URL and SFP_SERVER_TOKEN.
   */
  connection?: pulumi.Input<{
    /** The sfp server's base URL, e.g. https://sfp.example.com. */
    url: pulumi.Input<string>;
    /** A bearer token: an owner's access token or an application token. */
    token: pulumi.Input<string>;
  }>;
}

/** The outputs of a SandboxRegistration: every input but the credentials, and what the API reports. */
export interface SandboxRegistrationOutputs {
  /** The sandbox's name. A change replaces. */
  readonly sandboxName: pulumi.Output<string>;
  /** The registered production org whose user created the sandbox. A change replaces. */
  readonly productionUsername: pulumi.Output<string>;
  /** Take over an existing registration with the same username instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
  /** The org user's username: the registration's id. */
  readonly username: pulumi.Output<string>;
  /** The org's instance URL. */
  readonly instanceUrl: pulumi.Output<string>;
  /** The Salesforce org id (empty when the server skipped validation). */
  readonly orgId: pulumi.Output<string>;
  /** The org's type as Salesforce reports it, e.g. Developer Edition. */
  readonly organizationType: pulumi.Output<string>;
  /** The Salesforce instance the org runs on, e.g. CS42. */
  readonly instanceName: pulumi.Output<string>;
  /** Whether the server reaches the org through its production org's credentials (a sandbox). */
  readonly isJitRegistration: pulumi.Output<boolean>;
  /** The production org's username, for a sandbox registered by name. */
  readonly parentProductionUsername: pulumi.Output<string | undefined>;
  /** When the server registered the org (ISO 8601). */
  readonly createdAt: pulumi.Output<string>;
}

/** Where and as whom to call the API. */
export interface SfpConnection {
  /** The sfp server's base URL, e.g. https://sfp.example.com. */
  url: string;
  /** A bearer token: an owner's access token or an application token. */
  token: string;
}
