import { BiotClient, BiotOrganization } from "../../biot/client";
import { stateOf } from "../../biot/wire";
import { configuredConnection } from "../connections";
import { configSlot, Discovered } from "../inventory";
import { present, Lister } from "./types";

const PAGE = 100;

/** Every organization, page by page (sorted by creation, so pages do not shift under new ones). */
async function allOrganizations(client: BiotClient, progress: (m: string) => void) {
  const all: BiotOrganization[] = [];
  for (let page = 0; ; page++) {
    const reply = await client.search({ limit: PAGE, page, sort: [{ prop: "_creationTime", order: "ASC" }] });
    all.push(...reply.data);
    const total = reply.metadata.page?.totalResults;
    if (reply.data.length < PAGE || (total !== undefined && all.length >= total)) return all;
    progress(`${all.length}${total !== undefined ? `/${total}` : ""} organizations`);
  }
}

/** BioT organizations. The primary administrator is create-only and not readable: its email is a placeholder. */
export const listBiot: Lister = async (_options, progress) => {
  const orgs = await allOrganizations(BiotClient.for(configuredConnection("biot")), progress);
  progress(`${orgs.length} organizations`);
  return orgs.map((org): Discovered => {
    const state = stateOf(org);
    const [firstName, ...rest] = (org._primaryAdministrator?.name ?? "").split(" ");
    return {
      backend: "biot",
      kind: "biot.Organization",
      key: org._name,
      id: org._id,
      nameHint: org._name,
      inputs: present({
        name: org._name,
        templateName: org._template?.name,
        description: state.description,
        headquarters: state.headquarters,
        phone: state.phone,
        timezone: state.timezone,
        locale: state.locale,
        primaryAdministrator: {
          name: { firstName, lastName: rest.join(" ") },
          email: configSlot("AdminEmail", `the email of ${org._name}'s primary administrator`),
        },
        customAttributes: state.customAttributes,
      }),
      refusals: [],
    };
  });
};
