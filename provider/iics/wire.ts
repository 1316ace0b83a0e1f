import { defined, State } from "../core";
import { IicsOrg, Registration } from "./client";
import { ORG_FIELDS, OrganizationInputs, organizationSpec } from "./schema";

export const isEmpty = (v: unknown) => v === undefined || v === null || v === "";
const NUMERIC_FIELDS = new Set(["passwordReuseInDays", "passwordExpirationInDays"]);
/** Numbers as numbers, also when the API sent them as text. */
const typed = (key: string, v: unknown) =>
  NUMERIC_FIELDS.has(key) && typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;

/**
 * The state form of an org: every managed field as IICS has it (undefined when empty, so a refresh also
 * records a field cleared out of band) and the outputs only IICS sets.
 */
export function orgState(org: IicsOrg): State {
  const fields = Object.fromEntries(
    ORG_FIELDS.map((key) => [key, isEmpty(org[key]) ? undefined : typed(key, org[key])]),
  );
  return {
    ...fields,
    orgId: org.id ?? org.orgId,
    orgUuid: org.orgUUID ?? org.orgUuid,
    parentOrgId: org.parentOrgId,
    createTime: org.createTime,
    updateTime: org.updateTime,
    createdBy: org.createdBy,
    updatedBy: org.updatedBy,
  };
}

/** The org fields the inputs decide: unset plain fields are cleared, unset server-default fields are left out. */
function desiredFields(inputs: OrganizationInputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ORG_FIELDS) {
    const value = inputs[key];
    if (value !== undefined) out[key] = value;
    else if (organizationSpec.unsetMeansEmpty.includes(key)) out[key] = "";
  }
  return out;
}

const sameValue = (key: string, a: unknown, b: unknown) => {
  if (isEmpty(a) && isEmpty(b)) return true;
  const form = (v: unknown) =>
    key === "timezone" && typeof v === "string" ? v.toLowerCase() : typed(key, v);
  return form(a) === form(b);
};

/** Whether the org differs from the inputs in any field the inputs decide. */
export function needsUpdate(org: IicsOrg, inputs: OrganizationInputs): boolean {
  return Object.entries(desiredFields(inputs)).some(([key, value]) => !sameValue(key, org[key], value));
}

/** The full object for POST /api/v2/org/<id>: what IICS has, with the inputs' fields on top. */
export function mergeOrg(org: IicsOrg, inputs: OrganizationInputs): Record<string, unknown> {
  return { ...org, ...desiredFields(inputs) };
}

/** The org fields the register doc lists; the others are set by an update right after. */
export const REGISTER_FIELDS = [
  "name",
  "address1",
  "address2",
  "address3",
  "city",
  "state",
  "zipcode",
  "country",
  "timezone",
  "employees",
  "offerCode",
] as const;

/** The register body: the new org and its first administrator. */
export function registrationOf(inputs: OrganizationInputs): Registration {
  const { admin } = inputs;
  const org: Record<string, unknown> = { "@type": "org" };
  for (const key of REGISTER_FIELDS) if (inputs[key] !== undefined) org[key] = inputs[key];
  const user = defined({
    "@type": "user",
    name: admin.username,
    password: admin.password,
    firstName: admin.firstName,
    lastName: admin.lastName,
    title: admin.title,
    phone: admin.phone,
    timezone: admin.timezone,
  });
  return { org, user };
}
