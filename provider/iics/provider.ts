import { createOwned, isApiError, OrgplaneError, PartialCreateError, schemaProvider } from "../core";
import { IicsClient, IicsOrg } from "./client";
import { ORG_FIELDS, OrganizationInputs, organizationSpec } from "./schema";
import { isEmpty, mergeOrg, needsUpdate, orgState, REGISTER_FIELDS, registrationOf } from "./wire";

const isTopLevel = (org: IicsOrg) => isEmpty(org.parentOrgId) || org.parentOrgId === "0";

/** The user adopted an org with the same name: take it over, declared fields that differ are updated. */
async function adoptExisting(client: IicsClient, org: IicsOrg, inputs: OrganizationInputs) {
  const current = needsUpdate(org, inputs) ? await client.updateOrg(org.id, mergeOrg(org, inputs)) : org;
  return { id: org.id, outputs: orgState(current) };
}

/** A top-level org's name is never a sub-organization's, with or without adopt. */
function topLevelName(name: string, org: IicsOrg): OrgplaneError {
  return new OrgplaneError(
    `iics: "${name}" is the name of a top-level organization (id ${org.id}), not of a sub-organization: ` +
      "orgplane neither registers a sub-organization under it nor adopts the top-level one (adopt: true does " +
      "not apply). Choose another name.",
  );
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
    async before() {
      const org = await client.findByName(inputs.name);
      if (org && isTopLevel(org)) throw topLevelName(inputs.name, org);
      return org;
    },
    find: () => client.findByName(inputs.name),
    describe: (org) => `id ${org.id}`,
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
    takeOver: (org) => adoptExisting(client, org, inputs),
    // IICS documents no duplicate-name error: a refused register may be one (the name is looked up again).
    isDuplicate: (e) => isApiError(e, 400) && "maybe",
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
});

export const providers = { Organization: organization };
