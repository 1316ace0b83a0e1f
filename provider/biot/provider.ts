import { createOwned, isApiError, OrgplaneError, outputsOf, schemaProvider, State } from "../core";
import { BiotClient, BiotOrganization, TemplateRef } from "./client";
import { createBody, echoedInputs, patchBody, stateOf } from "./wire";
import { OrganizationInputs, organizationSpec } from "./schema";

function templateOf(inputs: OrganizationInputs): TemplateRef {
  return inputs.templateId ? { id: inputs.templateId } : { name: inputs.templateName! };
}

function firstOrganizationRefused(id: string): OrgplaneError {
  return new OrgplaneError(
    `biot: organization ${id} is the first (manufacturer) organization, which BioT never deletes ` +
      `(403 CANNOT_DELETE_FIRST_ORGANIZATION). Remove it from the stack with \`pulumi state delete <urn>\` instead.`,
  );
}

/** Takes over an existing organization: same template required, declared fields that differ are PATCHed. */
async function adopt(client: BiotClient, org: BiotOrganization, inputs: OrganizationInputs) {
  const template = templateOf(inputs);
  const matches =
    "id" in template ? org._template?.id === template.id : org._template?.name === template.name;
  if (!matches) {
    throw new OrgplaneError(
      `biot: cannot adopt organization "${org._name}" (id ${org._id}): it uses template ` +
        `"${org._template?.name ?? org._template?.id}", not the declared one, and a template cannot change.`,
    );
  }
  const declared = Object.keys(inputs).filter((k) => inputs[k as keyof OrganizationInputs] !== undefined);
  const body = patchBody(echoedInputs(org), inputs, declared);
  const current = Object.keys(body).length > 0 ? await client.update(org._id, body) : org;
  return { id: current._id, outputs: stateOf(current) };
}

const organization = schemaProvider<OrganizationInputs>(organizationSpec, {
  async create(inputs) {
    const client = BiotClient.for(inputs.connection);
    // The name is unique in BioT: the existence check searches it before the write (core createOwned).
    return createOwned({
      resource: `biot.Organization "${inputs.name}"`,
      adopt: inputs.adopt,
      find: () => client.findByName(inputs.name),
      describe: (org) => `id ${org._id}`,
      write: async () => {
        const org = await client.create(createBody(inputs), templateOf(inputs)).catch((e) => {
          if (isApiError(e, 409) && e.code === "EMAIL_ALREADY_EXIST") {
            throw new OrgplaneError(
              `${e.message}. The primary administrator's email belongs to an existing BioT user.`,
            );
          }
          const field = /_primaryAdministrator\._(employeeId|email)\b/.exec(e.message)?.[1];
          if (isApiError(e, 400) && e.code === "ATTRIBUTE_IS_MANDATORY" && field) {
            throw new OrgplaneError(
              `${e.message}. This BioT environment requires primaryAdministrator.${field} (older environments ` +
                "follow seed 003, where the admin's email and employeeId are mandatory): declare it.",
            );
          }
          throw e;
        });
        return { id: org._id, outputs: stateOf(org) };
      },
      takeOver: (org) => adopt(client, org, inputs),
      isDuplicate: (e) => isApiError(e, 409),
    });
  },

  async read(id, state) {
    const org = await BiotClient.for(state.connection).get(id);
    return org && stateOf(org);
  },

  async update(id, olds, news, changedKeys) {
    const body = patchBody(olds as Partial<OrganizationInputs>, news, changedKeys);
    if (Object.keys(body).length === 0) return outputsOf(organizationSpec, olds);
    return stateOf(await BiotClient.for(news.connection).update(id, body));
  },

  async delete(id, state: State) {
    try {
      await BiotClient.for(state.connection).delete(id);
    } catch (e) {
      if (isApiError(e, 403) && e.code === "CANNOT_DELETE_FIRST_ORGANIZATION")
        throw firstOrganizationRefused(id);
      throw e;
    }
  },

  reviewDiff(_olds, _news, diff) {
    // Name and admin email are unique in BioT, so a replacement must delete the old organization first.
    if (diff.replaces && diff.replaces.length > 0) return { ...diff, deleteBeforeReplace: true };
    return diff;
  },
});

export const providers = { Organization: organization };
