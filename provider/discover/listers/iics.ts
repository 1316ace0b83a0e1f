import { IicsClient } from "../../iics/client";
import { orgState } from "../../iics/wire";
import { ORG_FIELDS } from "../../iics/schema";
import { configuredConnection } from "../connections";
import { configSlot, Discovered, secretSlot } from "../inventory";
import { present, Lister } from "./types";

/**
 * IICS sub-organizations of the organization the connection logs in to. The administrator is given only at
 * registration and the org API does not return it: its fields are placeholders.
 */
export const listIics: Lister = async (_options, progress) => {
  const client = IicsClient.for(configuredConnection("iics"));
  const parent = await client.getOwnOrg();
  const subOrgs = parent.subOrgs ?? [];
  progress(`${subOrgs.length} sub-organizations`);
  const out: Discovered[] = [];
  for (const [i, sub] of subOrgs.entries()) {
    const org = await client.getOrg(sub.id).catch((e: Error) => {
      progress(`skipped sub-organization ${sub.name}: it cannot be read (${e.message})`);
      return undefined;
    });
    if ((i + 1) % 10 === 0) progress(`${i + 1}/${subOrgs.length} sub-organizations read`);
    if (!org) continue;
    const state = orgState(org);
    out.push({
      backend: "iics",
      kind: "iics.Organization",
      key: org.name,
      id: org.id,
      nameHint: org.name,
      inputs: present({
        ...Object.fromEntries(ORG_FIELDS.map((key) => [key, state[key]])),
        admin: {
          username: configSlot("AdminUsername", `the user name of ${org.name}'s first administrator`),
          password: secretSlot("AdminPassword", `the initial password of ${org.name}'s first administrator`),
          firstName: configSlot("AdminFirstName", `the first name of ${org.name}'s first administrator`),
          lastName: configSlot("AdminLastName", `the last name of ${org.name}'s first administrator`),
        },
      }),
      refusals: [],
    });
  }
  return out;
};
