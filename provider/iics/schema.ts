import { z } from "zod";
import {
  createOnly,
  field,
  inputSpec,
  lower,
  nameText,
  naturalKey,
  secret,
  segmentText,
  timeZoneId,
  topLevelKeys,
  backendConnection,
  fromEnv,
  connectionUrl,
  lookupArgsWith,
} from "../core";

/** The `employees` ranges the API accepts (register and org update). */
export const EMPLOYEE_RANGES = [
  "0_10",
  "11_25",
  "26_50",
  "51_100",
  "101_500",
  "501_1000",
  "1001_5000",
  "5001_",
] as const;

/** Limits fixed by seed 004 (they win over the third-party notes). */
export const LIMITS = { description: 255, passwordReuseInDays: 730, passwordExpirationInDays: 180 };

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
/** One address or several separated by commas (the API types these as one string). */
export const isEmailList = (value: string) => value.split(",").every((part) => EMAIL.test(part.trim()));

const text = () => nameText();
const timeZone = () => timeZoneId("America/Chicago");
const emails = () =>
  z.string().refine(isEmailList, { message: "must be an email address, or several separated by commas" });

export const { connectionSchema, connectionEnv, connectionSource, kindInputs } = backendConnection(
  "iics",
  {
    loginUrl: connectionUrl(
      "IICS_LOGIN_URL",
      "The login host of the org's region, e.g. https://dm-us.informaticacloud.com (the full " +
        ".../ma/api/v2/user/login URL works too).",
    ),
    username: fromEnv(
      "IICS_USERNAME",
      z.string().min(1).max(255).describe("An administrator of the parent organization."),
    ),
    password: fromEnv("IICS_PASSWORD", z.string().min(1).max(255).describe("That user's password.")),
  },
  { help: "Where and as whom to call IICS. Defaults to IICS_LOGIN_URL, IICS_USERNAME and IICS_PASSWORD." },
);

/** The arguments of each lookup (functions.ts), checked before any call. */
const { argsOf, oneOf } = lookupArgsWith(connectionSchema);
export const lookups = {
  getOrganization: oneOf({
    id: segmentText().optional().describe("The org's id."),
    name: segmentText().optional().describe("The org's name."),
  }),
  getParentOrganization: argsOf({}),
  listSubOrganizations: argsOf({}),
};

const adminSchema = z.strictObject({
  username: field(z.email().max(255), { normalize: lower }).describe(
    "The administrator's user name: an email address, unique across IICS.",
  ),
  password: secret(z.string().min(1).max(255)).describe(
    "The administrator's initial password. Write-only: state keeps a hash.",
  ),
  firstName: text().describe("First name, not blank."),
  lastName: text().describe("Last name, not blank."),
  title: z.string().optional().describe("Job title."),
  phone: z.string().optional().describe("Phone number."),
  timezone: field(timeZone().optional(), { normalize: lower }).describe("The user's IANA time zone."),
});

export const organizationInputs = kindInputs(
  {
    name: naturalKey(segmentText()).describe(
      "Not blank. The sub-organization's name and natural key (adoption). A rename updates in place.",
    ),
    description: z.string().max(LIMITS.description).optional().describe("Up to 255 characters."),
    address1: text().describe("Street address, not blank."),
    address2: z.string().optional().describe("More address information."),
    address3: z.string().optional().describe("More address information."),
    city: text().describe("City, not blank."),
    state: text().describe(
      "State or region code, not blank. Required for every country, as Informatica's sub-organization docs say.",
    ),
    zipcode: text().describe(
      "Postal code, not blank. Required for every country, as Informatica's sub-organization docs say.",
    ),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, { message: "must be a 2-letter country code in capitals, such as US" })
      .describe("2-letter country code in capitals, e.g. US."),
    timezone: field(timeZone().optional(), { computed: true, normalize: lower }).describe(
      "IANA time zone. When unset IICS keeps its own (America/Los_Angeles at creation).",
    ),
    employees: z.enum(EMPLOYEE_RANGES).describe("Employee range: 0_10, 11_25, ..., 5001_."),
    offerCode: field(z.string().min(1).optional(), { computed: true }).describe(
      "Partner offer code. When unset IICS keeps its own.",
    ),
    successEmails: emails().optional().describe("Addresses (comma-separated) told of jobs that succeed."),
    warningEmails: emails().optional().describe("Addresses (comma-separated) told of jobs with warnings."),
    errorEmails: emails().optional().describe("Addresses (comma-separated) told of jobs that fail."),
    passwordReuseInDays: field(z.int().min(0).max(LIMITS.passwordReuseInDays).optional(), {
      computed: true,
    }).describe("Days before a password may be reused (0: always). At most 730. Unset keeps IICS's value."),
    passwordExpirationInDays: field(z.int().min(0).max(LIMITS.passwordExpirationInDays).optional(), {
      computed: true,
    }).describe("Days before a password expires (0: never). At most 180. Unset keeps IICS's value."),
    admin: createOnly(
      adminSchema,
      "the administrator",
      "IICS sets it only when the sub-organization is registered, and replacing the sub-organization would " +
        "delete its data.",
    ).describe(
      "The sub-organization's first administrator, created with it. The org API cannot change it, and a " +
        "replacement would delete the sub-organization's data, so a change fails the preview instead.",
    ),
  },
  "Take over an existing sub-organization with the same name instead of failing.",
);
export type OrganizationInputs = z.infer<typeof organizationInputs>;
/** Outputs that only IICS sets, and the values it fills in for inputs left unset. */
export const organizationOutputs = z.object({
  timezone: z.string().describe("The org's IANA time zone: the input, or IICS's own when it is unset."),
  offerCode: z.string().optional().describe("The partner offer code: the input, or IICS's own when unset."),
  passwordReuseInDays: z.number().describe("Days before a password may be reused (0: always)."),
  passwordExpirationInDays: z.number().describe("Days before a password expires (0: never)."),
  orgId: z.string().describe("The org id (also the resource id)."),
  orgUuid: z.string().describe("The org's uuid."),
  parentOrgId: z.string().describe("The id of the parent organization the connection logs in to."),
  createTime: z.string().describe("When IICS created the org."),
  updateTime: z.string().describe("When IICS last changed the org."),
  createdBy: z.string().describe("The user who created the org."),
  updatedBy: z.string().describe("The user who last changed the org."),
});
export const organizationSpec = inputSpec(organizationInputs, {
  outputs: organizationOutputs,
  backend: "iics",
  objectName: (v) => `sub-organization ${String(v.name)}`,
});

/**
 * Every org field the resource manages, as the org object names it: the inputs the API can update (the schema
 * markers decide which: not local, not create-only).
 */
export const ORG_FIELDS = organizationSpec.updatableKeys as OrgField[];
export type OrgField = Exclude<keyof OrganizationInputs, "admin" | "adopt" | "connection">;

export const organizationOutputKeys = topLevelKeys(organizationOutputs);
