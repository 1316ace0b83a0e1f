import { canonical, defined, State } from "../core";
import { BiotOrganization } from "./client";
import { OrganizationInputs } from "./schema";

type Admin = OrganizationInputs["primaryAdministrator"];

/** Input name -> the API's built-in field. */
export const BUILT_IN_FIELDS = {
  name: "_name",
  description: "_description",
  headquarters: "_headquarters",
  phone: "_phone",
  timezone: "_timezone",
  locale: "_locale",
} as const;
type BuiltIn = keyof typeof BUILT_IN_FIELDS;

function adminBody(admin: Admin): Record<string, unknown> {
  return defined({
    _name: { firstName: admin.name.firstName, lastName: admin.name.lastName },
    _email: admin.email,
    _employeeId: admin.employeeId,
    _phone: admin.phone,
    _address: admin.address,
    _dateOfBirth: admin.dateOfBirth,
    _description: admin.description,
    _gender: admin.gender,
    _locale: admin.locale,
    _mfa: admin.mfa,
  });
}

/** CreateOrganizationRequest without the template (the client adds `_templateId` or uses the name path). */
export function createBody(inputs: OrganizationInputs): Record<string, unknown> {
  const builtIns = Object.fromEntries(
    Object.entries(BUILT_IN_FIELDS).map(([input, api]) => [api, inputs[input as BuiltIn]]),
  );
  return defined({
    ...inputs.customAttributes,
    ...builtIns,
    _primaryAdministrator: adminBody(inputs.primaryAdministrator),
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * An UpdateOrganizationRequest with only what differs between `from` and `to`: changed built-ins, and changed
 * custom attributes one by one. A field or attribute that `to` drops is sent as null (UNVERIFIED: the spec does
 * not say how to clear a field; null is what its branding fields use).
 */
export function patchBody(
  from: Partial<OrganizationInputs>,
  to: Partial<OrganizationInputs>,
  keys: string[],
) {
  const body: Record<string, unknown> = {};
  for (const [input, api] of Object.entries(BUILT_IN_FIELDS)) {
    const key = input as BuiltIn;
    if (keys.includes(key) && !same(from[key], to[key])) body[api] = to[key] ?? null;
  }
  if (keys.includes("customAttributes")) {
    const before = from.customAttributes ?? {};
    const after = to.customAttributes ?? {};
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!same(before[name], after[name])) body[name] = after[name] ?? null;
    }
  }
  return body;
}

/** The custom attributes of a response: every key without a leading underscore that holds a value. */
export function customAttributesOf(org: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(org).filter(([k, v]) => !k.startsWith("_") && v !== null && v !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const stripNulls = (value: unknown) =>
  value && typeof value === "object" ? (canonical(value) as Record<string, unknown>) : undefined;

/**
 * What state keeps from a response: the inputs BioT echoes (so refresh sees drift; absent ones explicitly
 * undefined) and the outputs. The admin and template inputs are not echoed in a comparable form and stay as
 * declared.
 */
export function stateOf(org: BiotOrganization): State {
  return {
    name: org._name,
    description: org._description ?? undefined,
    headquarters: stripNulls(org._headquarters),
    phone: org._phone ?? undefined,
    timezone: org._timezone ?? undefined,
    locale: org._locale ?? undefined,
    customAttributes: customAttributesOf(org),
    organizationId: org._id,
    template: org._template
      ? defined({ id: org._template.id, name: org._template.name, displayName: org._template.displayName })
      : undefined,
    primaryAdministratorId: org._primaryAdministrator?.id,
    ownerOrganizationId: org._ownerOrganization?.id,
    creationTime: org._creationTime,
    lastModifiedTime: org._lastModifiedTime,
  };
}

/** The echoed inputs of a response, for comparing an adopted organization with the declared inputs. */
export function echoedInputs(org: BiotOrganization): Partial<OrganizationInputs> {
  const s = stateOf(org);
  return {
    name: s.name,
    description: s.description,
    headquarters: s.headquarters,
    phone: s.phone,
    timezone: s.timezone,
    locale: s.locale,
    customAttributes: s.customAttributes,
  } as Partial<OrganizationInputs>;
}
