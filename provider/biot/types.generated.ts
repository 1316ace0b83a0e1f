// Generated from provider/biot/schema.ts by scripts/gen-types.js (npm run build). Do not edit.

import type * as pulumi from "@pulumi/pulumi";

/** The inputs of an Organization. */
export interface OrganizationArgs {
  /** The organization's name, 1 to 32 characters, unique in BioT. */
  name: pulumi.Input<string>;
  /** The Organization template's id. Give this or templateName. A change replaces. */
  templateId?: pulumi.Input<string>;
  /** The Organization template's name. Give this or templateId. A change replaces. */
  templateName?: pulumi.Input<string>;
  /**
   * Up to 5000 characters. Removing it leaves BioT's value: its PATCH types the field a string, never null.
   */
  description?: pulumi.Input<string>;
  /**
   * The address; countryCode is required when it is given. Removing it leaves BioT's address as it is: BioT cannot clear an address (its PATCH refuses a null country code).
   */
  headquarters?: pulumi.Input<{
    /** ISO 3166-1 alpha-2 country code. Required whenever the address is given. */
    countryCode: pulumi.Input<string>;
    /** State or region. */
    state?: pulumi.Input<string>;
    /** City. */
    city?: pulumi.Input<string>;
    /** Postal code. */
    zipCode?: pulumi.Input<string>;
    /** Street address. */
    address1?: pulumi.Input<string>;
    /** More address information. */
    address2?: pulumi.Input<string>;
  }>;
  /** e.g. en-us. Removing it leaves BioT's value (its PATCH takes a string, never null). */
  locale?: pulumi.Input<string>;
  /**
   * E.164, e.g. +12345678901. Removing it leaves BioT's value (its PATCH takes a string, never null).
   */
  phone?: pulumi.Input<string>;
  /**
   * An IANA (Java) zone ID, e.g. Europe/Oslo. Removing it leaves BioT's value (never sent as null).
   */
  timezone?: pulumi.Input<string>;
  /**
   * The organization's first admin user. Create-only: a change is refused (never a silent replace).
   */
  primaryAdministrator: pulumi.Input<{
    /** The admin's email; BioT sends the confirmation email here. */
    email: pulumi.Input<string>;
    /** The admin's name. */
    name: pulumi.Input<{
      /** First name, 1 to 50 characters. */
      firstName: pulumi.Input<string>;
      /** Last name, 1 to 50 characters. */
      lastName: pulumi.Input<string>;
    }>;
    /** The admin's employee id. */
    employeeId?: pulumi.Input<string>;
    /** E.164, e.g. +12345678901. */
    phone?: pulumi.Input<string>;
    /** The admin's address; countryCode is required when it is given. */
    address?: pulumi.Input<{
      /** ISO 3166-1 alpha-2 country code. Required whenever the address is given. */
      countryCode: pulumi.Input<string>;
      /** State or region. */
      state?: pulumi.Input<string>;
      /** City. */
      city?: pulumi.Input<string>;
      /** Postal code. */
      zipCode?: pulumi.Input<string>;
      /** Street address. */
      address1?: pulumi.Input<string>;
      /** More address information. */
      address2?: pulumi.Input<string>;
    }>;
    /** YYYY-MM-DD. */
    dateOfBirth?: pulumi.Input<string>;
    /** Up to 5000 characters. */
    description?: pulumi.Input<string>;
    /** The admin's gender. */
    gender?: pulumi.Input<"MALE" | "FEMALE" | "UNDISCLOSED">;
    /** e.g. en-us. */
    locale?: pulumi.Input<string>;
    /** Multi-factor authentication for the admin's login. */
    mfa?: pulumi.Input<{
      /** MFA login on or off. */
      enabled: pulumi.Input<boolean>;
      /** MFA expiration, 1 to 1440 minutes. */
      expirationInMinutes?: pulumi.Input<number>;
    }>;
  }>;
  /**
   * The template's custom attributes, sent at the API's top level. null or absent means unset.
   */
  customAttributes?: pulumi.Input<Record<string, unknown>>;
  /**
   * Take over an existing organization with the same name instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Where and as whom to call BioT. Defaults to BIOT_URL with BIOT_SERVICE_ID/BIOT_SERVICE_SECRET_KEY or BIOT_USERNAME/BIOT_PASSWORD.
   */
  connection?: pulumi.Input<{
    /** The BioT API host, e.g. https://api.dev.example.biot-med.com. */
    url: pulumi.Input<string>;
    /** A service user's id (uuid). */
    serviceId?: pulumi.Input<string>;
    /** The service user's secret key. */
    serviceSecretKey?: pulumi.Input<string>;
    /** A user's login name (for user login with refresh). */
    username?: pulumi.Input<string>;
    /** The user's password. */
    password?: pulumi.Input<string>;
  }>;
}

/** The outputs of an Organization: every input but the credentials, and what the API reports. */
export interface OrganizationOutputs {
  /** The organization's name, 1 to 32 characters, unique in BioT. */
  readonly name: pulumi.Output<string>;
  /** The Organization template's id. Give this or templateName. A change replaces. */
  readonly templateId: pulumi.Output<string | undefined>;
  /** The Organization template's name. Give this or templateId. A change replaces. */
  readonly templateName: pulumi.Output<string | undefined>;
  /**
   * Up to 5000 characters. Removing it leaves BioT's value: its PATCH types the field a string, never null.
   */
  readonly description: pulumi.Output<string | undefined>;
  /**
   * The address; countryCode is required when it is given. Removing it leaves BioT's address as it is: BioT cannot clear an address (its PATCH refuses a null country code).
   */
  readonly headquarters: pulumi.Output<
    | {
        /** ISO 3166-1 alpha-2 country code. Required whenever the address is given. */
        countryCode: string;
        /** State or region. */
        state?: string;
        /** City. */
        city?: string;
        /** Postal code. */
        zipCode?: string;
        /** Street address. */
        address1?: string;
        /** More address information. */
        address2?: string;
      }
    | undefined
  >;
  /** e.g. en-us. Removing it leaves BioT's value (its PATCH takes a string, never null). */
  readonly locale: pulumi.Output<string | undefined>;
  /**
   * E.164, e.g. +12345678901. Removing it leaves BioT's value (its PATCH takes a string, never null).
   */
  readonly phone: pulumi.Output<string | undefined>;
  /**
   * An IANA (Java) zone ID, e.g. Europe/Oslo. Removing it leaves BioT's value (never sent as null).
   */
  readonly timezone: pulumi.Output<string | undefined>;
  /**
   * The organization's first admin user. Create-only: a change is refused (never a silent replace).
   */
  readonly primaryAdministrator: pulumi.Output<{
    /** The admin's email; BioT sends the confirmation email here. */
    email: string;
    /** The admin's name. */
    name: {
      /** First name, 1 to 50 characters. */
      firstName: string;
      /** Last name, 1 to 50 characters. */
      lastName: string;
    };
    /** The admin's employee id. */
    employeeId?: string;
    /** E.164, e.g. +12345678901. */
    phone?: string;
    /** The admin's address; countryCode is required when it is given. */
    address?: {
      /** ISO 3166-1 alpha-2 country code. Required whenever the address is given. */
      countryCode: string;
      /** State or region. */
      state?: string;
      /** City. */
      city?: string;
      /** Postal code. */
      zipCode?: string;
      /** Street address. */
      address1?: string;
      /** More address information. */
      address2?: string;
    };
    /** YYYY-MM-DD. */
    dateOfBirth?: string;
    /** Up to 5000 characters. */
    description?: string;
    /** The admin's gender. */
    gender?: "MALE" | "FEMALE" | "UNDISCLOSED";
    /** e.g. en-us. */
    locale?: string;
    /** Multi-factor authentication for the admin's login. */
    mfa?: {
      /** MFA login on or off. */
      enabled: boolean;
      /** MFA expiration, 1 to 1440 minutes. */
      expirationInMinutes?: number;
    };
  }>;
  /**
   * The template's custom attributes, sent at the API's top level. null or absent means unset.
   */
  readonly customAttributes: pulumi.Output<Record<string, unknown> | undefined>;
  /** Take over an existing organization with the same name instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
  /** The organization's uuid (also the resource id). */
  readonly organizationId: pulumi.Output<string>;
  /** The Organization template the organization was made from. */
  readonly template: pulumi.Output<{
    /** The template's id. */
    id?: string;
    /** The template's name. */
    name?: string;
    /** The template's display name. */
    displayName?: string;
  }>;
  /** The primary administrator's user id. */
  readonly primaryAdministratorId: pulumi.Output<string>;
  /** The organization that owns this one. */
  readonly ownerOrganizationId: pulumi.Output<string>;
  /** When BioT created the organization (ISO 8601). */
  readonly creationTime: pulumi.Output<string>;
  /** When BioT last changed the organization (ISO 8601). */
  readonly lastModifiedTime: pulumi.Output<string>;
}

/** Where and as whom to call the API. */
export interface BiotConnection {
  /** The BioT API host, e.g. https://api.dev.example.biot-med.com. */
  url: string;
  /** A service user's id (uuid). */
  serviceId?: string;
  /** The service user's secret key. */
  serviceSecretKey?: string;
  /** A user's login name (for user login with refresh). */
  username?: string;
  /** The user's password. */
  password?: string;
}
