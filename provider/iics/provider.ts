import {
  containsUnknown,
  createOwned,
  OrgplaneError,
  PartialCreateError,
  schemaProvider,
  State,
} from "../core";
import { IicsClient, IicsOrg, Registration } from "./client";
import { CLEARABLE_FIELDS, ORG_FIELDS, OrganizationInputs, organizationSpec } from "./schema";

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";
const NUMERIC_FIELDS = new Set(["passwordReuseInDays", "passwordExpirationInDays"]);
/** Numbers as numbers, also when the API sent them as text. */
const typed = (key: string, v: unknown) =>
  NUMERIC_FIELDS.has(key) && typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

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
    else if ((CLEARABLE_FIELDS as readonly string[]).includes(key)) out[key] = "";
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
const REGISTER_FIELDS = [
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

const isTopLevel = (org: IicsOrg) => isEmpty(org.parentOrgId) || org.parentOrgId === "0";

/** The user adopted an org with the same name: take it over, declared fields that differ are updated. */
async function adoptExisting(client: IicsClient, org: IicsOrg, inputs: OrganizationInputs) {
  if (isTopLevel(org)) {
    throw new OrgplaneError(
      `iics: "${inputs.name}" is the name of a top-level organization, not a sub-organization. Choose another name.`,
    );
  }
  const current = needsUpdate(org, inputs) ? await client.updateOrg(org.id, mergeOrg(org, inputs)) : org;
  return { id: org.id, outputs: orgState(current) };
}

/** Reads the new org back (and sets what register does not take). */
async function finishRegistered(client: IicsClient, id: string, inputs: OrganizationInputs) {
  try {
    const org = await client.getOrg(id);
    if (!org) throw new OrgplaneError(`iics: the new sub-organization ${id} cannot be read back.`);
    const current = needsUpdate(org, inputs) ? await client.updateOrg(id, mergeOrg(org, inputs)) : org;
    return { id, outputs: orgState(current) };
  } catch (e) {
    // Register does not take every field: those left are set by the next `up`.
    const notApplied = ORG_FIELDS.filter((key) => !(REGISTER_FIELDS as readonly string[]).includes(key));
    throw new PartialCreateError(id, { orgId: id }, e, notApplied);
  }
}

/** Registers a sub-organization under the ownership rule (core createOwned): the name is the natural key. */
function createOrganization(client: IicsClient, inputs: OrganizationInputs) {
  return createOwned({
    resource: `iics.Organization "${inputs.name}"`,
    adopt: inputs.adopt,
    find: () => client.findByName(inputs.name),
    describe: (org) => `id ${org.id}${isTopLevel(org) ? ", a top-level organization" : ""}`,
    async write() {
      const reply = await client.register(registrationOf(inputs));
      // The register reply's shape is UNVERIFIED: use the id it names, else look the new org up by name.
      const id = reply.orgId ?? reply.org?.id ?? (await client.getOrgByName(inputs.name))?.id;
      if (!id) {
        throw new OrgplaneError(
          `iics: register succeeded, but no sub-organization named "${inputs.name}" appeared.`,
        );
      }
      return finishRegistered(client, id, inputs);
    },
    takeOver: (org, reason) =>
      reason === "adopted" ? adoptExisting(client, org, inputs) : finishRegistered(client, org.id, inputs),
  });
}

const organization = schemaProvider<OrganizationInputs>(organizationSpec, {
  async create(inputs) {
    return createOrganization(IicsClient.for(inputs.connection), inputs);
  },
  async read(id, state) {
    const org = await IicsClient.for(state.connection).getOrg(id);
    return org && orgState(org);
  },
  async update(id, _olds, news) {
    const client = IicsClient.for(news.connection);
    const org = await client.getOrg(id);
    if (!org) {
      throw new OrgplaneError(
        `iics: sub-organization ${id} no longer exists. Run \`pulumi refresh\` to drop it, then \`pulumi up\`.`,
      );
    }
    return orgState(needsUpdate(org, news) ? await client.updateOrg(id, mergeOrg(org, news)) : org);
  },
  async delete(id, state) {
    await IicsClient.for(state.connection).deleteOrg(id);
  },
  /** No field replaces; a password rotation must never delete a sub-organization: admin changes are refused. */
  reviewDiff(olds, news, diff) {
    if (diff.changedKeys.includes("admin") && !containsUnknown(news.admin))
      throw adminChangeRefused(olds.name);
    return diff;
  },
});

function adminChangeRefused(name: unknown): OrgplaneError {
  return new OrgplaneError(
    `iics: the administrator of sub-organization ${String(name)} cannot be changed: IICS sets it only when the ` +
      "sub-organization is registered, and replacing it would delete its data. Restore the declared admin, " +
      'ignore the change with `ignoreChanges: ["admin"]`, or start over: remove the resource, `pulumi up` (this ' +
      "deletes the sub-organization), then declare it again.",
  );
}

export const providers = { Organization: organization };
