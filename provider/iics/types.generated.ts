// Generated from provider/iics/schema.ts by scripts/gen-types.js (npm run build). Do not edit.

import type * as pulumi from "@pulumi/pulumi";

/** The inputs of an Organization. */
export interface OrganizationArgs {
  /**
   * Not blank. The sub-organization's name and natural key (adoption). A rename updates in place.
   */
  name: pulumi.Input<string>;
  /** Up to 255 characters. */
  description?: pulumi.Input<string>;
  /** Street address, not blank. */
  address1: pulumi.Input<string>;
  /** More address information. */
  address2?: pulumi.Input<string>;
  /** More address information. */
  address3?: pulumi.Input<string>;
  /** City, not blank. */
  city: pulumi.Input<string>;
  /**
   * State or region code. Required for every country, as Informatica's sub-organization docs say.
   */
  state: pulumi.Input<string>;
  /** Postal code. Required for every country, as Informatica's sub-organization docs say. */
  zipcode: pulumi.Input<string>;
  /** 2-letter country code in capitals, e.g. US. */
  country: pulumi.Input<string>;
  /** IANA time zone. When unset IICS keeps its own (America/Los_Angeles at creation). */
  timezone?: pulumi.Input<string>;
  /** Employee range: 0_10, 11_25, ..., 5001_. */
  employees: pulumi.Input<
    "0_10" | "11_25" | "26_50" | "51_100" | "101_500" | "501_1000" | "1001_5000" | "5001_"
  >;
  /** Partner offer code. When unset IICS keeps its own. */
  offerCode?: pulumi.Input<string>;
  /** Addresses (comma-separated) told of jobs that succeed. */
  successEmails?: pulumi.Input<string>;
  /** Addresses (comma-separated) told of jobs with warnings. */
  warningEmails?: pulumi.Input<string>;
  /** Addresses (comma-separated) told of jobs that fail. */
  errorEmails?: pulumi.Input<string>;
  /** Days before a password may be reused (0: always). At most 730. Unset keeps IICS's value. */
  passwordReuseInDays?: pulumi.Input<number>;
  /** Days before a password expires (0: never). At most 180. Unset keeps IICS's value. */
  passwordExpirationInDays?: pulumi.Input<number>;
  /**
   * The sub-organization's first administrator, created with it. The org API cannot change it, and a replacement would delete the sub-organization's data, so a change fails the preview instead.
   */
  admin: pulumi.Input<{
    /** The administrator's user name: an email address, unique across IICS. */
    username: pulumi.Input<string>;
    /** The administrator's initial password. Write-only: state keeps a hash. */
    password: pulumi.Input<string>;
    /** First name, not blank. */
    firstName: pulumi.Input<string>;
    /** Last name, not blank. */
    lastName: pulumi.Input<string>;
    /** Job title. */
    title?: pulumi.Input<string>;
    /** Phone number. */
    phone?: pulumi.Input<string>;
    /** The user's IANA time zone. */
    timezone?: pulumi.Input<string>;
  }>;
  /**
   * Take over an existing sub-organization with the same name instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Where and as whom to call IICS. Defaults to IICS_LOGIN_URL, IICS_USERNAME and IICS_PASSWORD.
   */
  connection?: pulumi.Input<{
    /**
     * The login host of the org's region, e.g. https://dm-us.informaticacloud.com (the full .../ma/api/v2/user/login URL works too).
     */
    loginUrl: pulumi.Input<string>;
    /** An administrator of the parent organization. */
    username: pulumi.Input<string>;
    /** That user's password. */
    password: pulumi.Input<string>;
  }>;
}

/** The outputs of an Organization: every input but the credentials, and what the API reports. */
export interface OrganizationOutputs {
  /**
   * Not blank. The sub-organization's name and natural key (adoption). A rename updates in place.
   */
  readonly name: pulumi.Output<string>;
  /** Up to 255 characters. */
  readonly description: pulumi.Output<string | undefined>;
  /** Street address, not blank. */
  readonly address1: pulumi.Output<string>;
  /** More address information. */
  readonly address2: pulumi.Output<string | undefined>;
  /** More address information. */
  readonly address3: pulumi.Output<string | undefined>;
  /** City, not blank. */
  readonly city: pulumi.Output<string>;
  /**
   * State or region code. Required for every country, as Informatica's sub-organization docs say.
   */
  readonly state: pulumi.Output<string>;
  /** Postal code. Required for every country, as Informatica's sub-organization docs say. */
  readonly zipcode: pulumi.Output<string>;
  /** 2-letter country code in capitals, e.g. US. */
  readonly country: pulumi.Output<string>;
  /** The org's IANA time zone: the input, or IICS's own when it is unset. */
  readonly timezone: pulumi.Output<string>;
  /** Employee range: 0_10, 11_25, ..., 5001_. */
  readonly employees: pulumi.Output<
    "0_10" | "11_25" | "26_50" | "51_100" | "101_500" | "501_1000" | "1001_5000" | "5001_"
  >;
  /** The partner offer code: the input, or IICS's own when unset. */
  readonly offerCode: pulumi.Output<string | undefined>;
  /** Addresses (comma-separated) told of jobs that succeed. */
  readonly successEmails: pulumi.Output<string | undefined>;
  /** Addresses (comma-separated) told of jobs with warnings. */
  readonly warningEmails: pulumi.Output<string | undefined>;
  /** Addresses (comma-separated) told of jobs that fail. */
  readonly errorEmails: pulumi.Output<string | undefined>;
  /** Days before a password may be reused (0: always). */
  readonly passwordReuseInDays: pulumi.Output<number>;
  /** Days before a password expires (0: never). */
  readonly passwordExpirationInDays: pulumi.Output<number>;
  /**
   * The sub-organization's first administrator, created with it. The org API cannot change it, and a replacement would delete the sub-organization's data, so a change fails the preview instead.
   */
  readonly admin: pulumi.Output<{
    /** The administrator's user name: an email address, unique across IICS. */
    username: string;
    /** First name, not blank. */
    firstName: string;
    /** Last name, not blank. */
    lastName: string;
    /** Job title. */
    title?: string;
    /** Phone number. */
    phone?: string;
    /** The user's IANA time zone. */
    timezone?: string;
  }>;
  /** Take over an existing sub-organization with the same name instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
  /** The org id (also the resource id). */
  readonly orgId: pulumi.Output<string>;
  /** The org's uuid. */
  readonly orgUuid: pulumi.Output<string>;
  /** The id of the parent organization the connection logs in to. */
  readonly parentOrgId: pulumi.Output<string>;
  /** When IICS created the org. */
  readonly createTime: pulumi.Output<string>;
  /** When IICS last changed the org. */
  readonly updateTime: pulumi.Output<string>;
  /** The user who created the org. */
  readonly createdBy: pulumi.Output<string>;
  /** The user who last changed the org. */
  readonly updatedBy: pulumi.Output<string>;
}

/** Where and as whom to call the API. */
export interface IicsConnection {
  /**
   * The login host of the org's region, e.g. https://dm-us.informaticacloud.com (the full .../ma/api/v2/user/login URL works too).
   */
  loginUrl: string;
  /** An administrator of the parent organization. */
  username: string;
  /** That user's password. */
  password: string;
}
