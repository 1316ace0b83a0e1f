import { z } from "zod";
import {
  field,
  inputSpec,
  nameText,
  naturalKey,
  replaceOnChange,
  segmentText,
  createOnly,
  exactlyOneOf,
  topLevelKeys,
  timeZoneId,
  withRules,
  backendConnection,
  fromEnv,
  connectionUrl,
  connectionText,
  signInWith,
  lookupArgsWith,
} from "../core";

/** ISO 3166-1 alpha-2: the 249 officially assigned country codes. */
const COUNTRY_CODES = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`;

export const ISO_COUNTRIES: ReadonlySet<string> = new Set(COUNTRY_CODES.trim().split(/\s+/));

export const isCountryCode = (value: string) => ISO_COUNTRIES.has(value);

/** `{language ISO 639-1}-{country ISO 3166}` in lowercase, e.g. `en-us`. */
export const isLocale = (value: string) =>
  /^[a-z]{2}-[a-z]{2}$/.test(value) && ISO_COUNTRIES.has(value.slice(3).toUpperCase());

/** E.164: a plus, then up to 15 digits, the first not 0. */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** A service user (the unattended way) or a user login; a service user wins when both are given. */
export const { connectionSchema, connectionEnv, connectionSource, kindInputs } = backendConnection(
  "biot",
  {
    url: connectionUrl("BIOT_URL", "The BioT API host, e.g. https://api.dev.example.biot-med.com."),
    serviceId: fromEnv("BIOT_SERVICE_ID", z.uuid().optional().describe("A service user's id (uuid).")),
    serviceSecretKey: connectionText("BIOT_SERVICE_SECRET_KEY", "The service user's secret key."),
    username: connectionText("BIOT_USERNAME", "A user's login name (for user login with refresh)."),
    password: connectionText("BIOT_PASSWORD", "The user's password."),
  },
  {
    rules: [signInWith(["serviceId", "serviceSecretKey"], ["username", "password"])],
    help: "Where and as whom to call BioT. Defaults to BIOT_URL with BIOT_SERVICE_ID/BIOT_SERVICE_SECRET_KEY or BIOT_USERNAME/BIOT_PASSWORD.",
  },
);

const countryCode = z
  .string({
    error: (issue) => (issue.input === undefined ? "is required whenever the address is given" : undefined),
  })
  .refine(isCountryCode, {
    message: "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US",
  });
const locale = z.string().refine(isLocale, {
  message: "must be {language}-{country} in lowercase, e.g. en-us",
});
const phone = z.string().regex(E164, { message: "must be an E.164 phone number, e.g. +12345678901" });
const text128 = z.string().max(128);

export const addressSchema = z.strictObject({
  countryCode: countryCode.describe(
    "ISO 3166-1 alpha-2 country code. Required whenever the address is given.",
  ),
  state: text128.optional().describe("State or region."),
  city: text128.optional().describe("City."),
  zipCode: text128.optional().describe("Postal code."),
  address1: text128.optional().describe("Street address."),
  address2: text128.optional().describe("More address information."),
});

const mfaSchema = z.strictObject({
  enabled: z.boolean().describe("MFA login on or off."),
  expirationInMinutes: z.int().min(1).max(1440).optional().describe("MFA expiration, 1 to 1440 minutes."),
});

/** The admin BioT creates with the organization. Create-only: see README "Primary administrator". */
export const administratorSchema = z.strictObject({
  email: z.email().max(128).describe("The admin's email; BioT sends the confirmation email here."),
  name: z
    .strictObject({
      firstName: nameText().min(1).max(50).describe("First name, 1 to 50 characters."),
      lastName: nameText().min(1).max(50).describe("Last name, 1 to 50 characters."),
    })
    .describe("The admin's name."),
  employeeId: z.string().min(1).optional().describe("The admin's employee id."),
  phone: phone.optional().describe("E.164, e.g. +12345678901."),
  address: addressSchema
    .optional()
    .describe("The admin's address; countryCode is required when it is given."),
  dateOfBirth: z.iso.date().optional().describe("YYYY-MM-DD."),
  description: z.string().max(5000).optional().describe("Up to 5000 characters."),
  gender: z.enum(["MALE", "FEMALE", "UNDISCLOSED"]).optional().describe("The admin's gender."),
  locale: locale.optional().describe("e.g. en-us."),
  mfa: mfaSchema.optional().describe("Multi-factor authentication for the admin's login."),
});

/** Unset attributes compare equal whether absent or null (BioT returns every template attribute). */
const withoutNulls = (value: unknown) => {
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

const customAttributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
  message:
    "is not a custom attribute name (a letter, then letters, digits or _; built-in _fields are inputs of their own)",
});

export const organizationInputs = withRules(
  kindInputs(
    {
      name: naturalKey(nameText().min(1).max(32)).describe(
        "The organization's name, 1 to 32 characters, unique in BioT.",
      ),
      templateId: replaceOnChange(z.uuid().optional(), {
        note: "The template cannot change after create.",
      }).describe("The Organization template's id. Give this or templateName. A change replaces."),
      templateName: replaceOnChange(segmentText().min(1).optional(), {
        note: "The template cannot change after create.",
      }).describe("The Organization template's name. Give this or templateId. A change replaces."),
      description: field(z.string().max(5000).optional(), { computed: true }).describe(
        "Up to 5000 characters. Removing it leaves BioT's value: its PATCH types the field a string, never null.",
      ),
      headquarters: field(addressSchema.optional(), { computed: true }).describe(
        "The address; countryCode is required when it is given. Removing it leaves BioT's address as it is: BioT " +
          "cannot clear an address (its PATCH refuses a null country code).",
      ),
      locale: field(locale.optional(), { computed: true }).describe(
        "e.g. en-us. Removing it leaves BioT's value (its PATCH takes a string, never null).",
      ),
      phone: field(phone.optional(), { computed: true }).describe(
        "E.164, e.g. +12345678901. Removing it leaves BioT's value (its PATCH takes a string, never null).",
      ),
      timezone: field(timeZoneId("Europe/Oslo").optional(), { computed: true }).describe(
        "An IANA (Java) zone ID, e.g. Europe/Oslo. Removing it leaves BioT's value (never sent as null).",
      ),
      primaryAdministrator: createOnly(
        administratorSchema,
        "the primary administrator",
        "BioT's PATCH cannot change it, its change-admin call only promotes an existing user of the caller's own " +
          "organization, and replacing the organization would delete it with all of its users.",
      ).describe(
        "The organization's first admin user. Create-only: a change is refused (never a silent replace).",
      ),
      customAttributes: field(z.record(customAttributeName, z.json()).optional(), {
        normalize: withoutNulls,
      }).describe(
        "The template's custom attributes, sent at the API's top level. null or absent means unset.",
      ),
    },
    "Take over an existing organization with the same name instead of failing.",
  ),
  [exactlyOneOf("templateId", "templateName")],
);
export type OrganizationInputs = z.infer<typeof organizationInputs>;

/** Outputs BioT reports for an organization (besides the inputs it echoes). */
export const organizationOutputs = z.object({
  organizationId: z.string().describe("The organization's uuid (also the resource id)."),
  template: z
    .object({
      id: z.string().optional().describe("The template's id."),
      name: z.string().optional().describe("The template's name."),
      displayName: z.string().optional().describe("The template's display name."),
    })
    .describe("The Organization template the organization was made from."),
  primaryAdministratorId: z.string().describe("The primary administrator's user id."),
  ownerOrganizationId: z.string().describe("The organization that owns this one."),
  creationTime: z.string().describe("When BioT created the organization (ISO 8601)."),
  lastModifiedTime: z.string().describe("When BioT last changed the organization (ISO 8601)."),
});
export const organizationSpec = inputSpec(organizationInputs, {
  outputs: organizationOutputs,
  backend: "biot",
  objectName: (v) => `organization "${v.name}"`,
});
export const organizationOutputKeys = topLevelKeys(organizationOutputs);

// Lookup arguments. A search's JSON (SearchRequestV2 of the OpenAPI file) is checked field by field.

/** A field a search filters or sorts on: a built-in `_field`, a custom attribute, or a dotted path into one. */
const FIELD = "[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*";
const searchField = z.string().regex(new RegExp(`^${FIELD}$`), {
  message: "must be a field name such as _name or _headquarters.city",
});
const filterKey = z.string().regex(new RegExp(`^(?:\\$(?:AND|OR|NOT)|${FIELD})$`), {
  message: "must be a field name such as _name or _headquarters.city, or $AND, $OR, $NOT",
});
/** FilterV2: the conditions on one field (ANDed), or under $AND/$OR/$NOT a nested `filter`. */
const searchFilter: z.ZodType<Record<string, Record<string, unknown>>> = z.lazy(() =>
  z.record(
    filterKey,
    z.strictObject({
      eq: z.json().optional(),
      not: z.json().optional(),
      in: z.array(z.string()).optional(),
      notIn: z.array(z.string()).optional(),
      like: z.string().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      isNull: z.boolean().optional(),
      isNotNull: z.boolean().optional(),
      filter: searchFilter.optional(),
    }),
  ),
);
const search = {
  filter: searchFilter.optional().describe("Conditions per field (eq, in, like...), and $AND/$OR/$NOT."),
  sort: z
    .array(z.strictObject({ prop: searchField, order: z.enum(["ASC", "DESC"]).optional() }))
    .optional()
    .describe("Sort fields in order; order defaults to DESC."),
  freeTextSearch: nameText().optional().describe("Words, any of which matches."),
  limit: z.int().min(1).optional().describe("Page size (at least 1; BioT's default 100)."),
};

/** The arguments of each lookup (functions.ts), checked before any call. */
const { argsOf } = lookupArgsWith(connectionSchema);
export const lookups = {
  searchOrganizations: argsOf({ ...search, page: z.int().min(0).optional().describe("0-based page.") }),
  listOrganizations: argsOf(search),
  getOrganization: argsOf({
    id: z.uuid({
      error: (issue) => (issue.code === "invalid_format" ? "must be an organization id (a UUID)" : undefined),
    }),
  }),
  findOrganizationByName: argsOf({ name: nameText().describe("The organization's exact name.") }),
};
