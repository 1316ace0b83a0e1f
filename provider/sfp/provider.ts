import * as pulumi from "@pulumi/pulumi";
import {
  canonical,
  createOwned,
  noTrailingSlash,
  OrgplaneError,
  PartialCreateError,
  schemaProvider,
  sfdxAuthUrlUser,
  State,
} from "../core";
import { SfpClient, SfpOrg } from "./client";
import { RegistrationInputs, registrationSpec, SandboxInputs, sandboxSpec } from "./schema";
import { registerBody, stateOf } from "./wire";

/**
 * The org user a registration is known by: the one the auth URL signs in as, which a declared username must
 * match (the server validates the connection and may register that user whatever the body says). Without the
 * server's check (skipValidation) the declared username is all there is.
 */
async function usernameOf(inputs: RegistrationInputs): Promise<string> {
  if (inputs.skipValidation) return inputs.username!;
  const signsInAs = await sfdxAuthUrlUser(inputs.sfdxAuthUrl);
  if (inputs.username && inputs.username.toLowerCase() !== signsInAs) {
    throw new OrgplaneError(
      `sfp: the sfdxAuthUrl signs in as ${signsInAs}, not as the declared username ${inputs.username}. ` +
        `Declare username "${signsInAs}", or give an auth URL of ${inputs.username}.`,
    );
  }
  return signsInAs;
}

/**
 * An auth URL that now signs in as another user would register a second org beside this one: refused before
 * the write. A rotated token of the same user stays an in-place update.
 */
async function confirmSameUser(registered: string, news: RegistrationInputs) {
  if (news.skipValidation) return;
  const signsInAs = await sfdxAuthUrlUser(news.sfdxAuthUrl);
  if (signsInAs === registered.toLowerCase()) return;
  throw new OrgplaneError(
    `sfp: the new sfdxAuthUrl signs in as ${signsInAs}, but this resource registers ${registered}; updating ` +
      `would register a second org. To register ${signsInAs} instead, set \`username: "${signsInAs}"\` (the ` +
      `registration is replaced); to keep ${registered}, give an auth URL of that user.`,
  );
}

/**
 * Whether an adopted registration differs from the inputs in a field orgplane writes. The auth URL is write-only
 * and cannot be compared: adopting never writes it on its own (its hash goes into state), only with a real
 * difference, since sfp's register takes every field in one call.
 */
export function differsFromListed(org: SfpOrg, inputs: RegistrationInputs): boolean {
  const declaredUrl = inputs.instanceUrl && noTrailingSlash(inputs.instanceUrl);
  return (
    (declaredUrl !== undefined && declaredUrl !== noTrailingSlash(org.instanceUrl ?? "")) ||
    inputs.isDevHub !== (org.isDevHub ?? false) ||
    inputs.isDefault !== (org.isDefault ?? false) ||
    JSON.stringify(canonical(inputs.metadata)) !== JSON.stringify(canonical(org.metadata ?? {}))
  );
}

/** The registration as the server now holds it. It exists already: a failed read keeps it in state anyway. */
async function readBack(client: SfpClient, org: SfpOrg) {
  try {
    const current = (await client.findListed(org.username)) ?? org;
    return { id: org.username, outputs: stateOf(current) };
  } catch (e) {
    throw new PartialCreateError(org.username, stateOf(org), e);
  }
}

/**
 * The registration listed under the state's username, if it is still the one in state. sfp keys registrations by
 * username: one registered again after this one was deleted (by another owner, or out of band) is another object,
 * known by its own registration time.
 */
async function listedAsInState(client: SfpClient, id: string, state: State) {
  const org = await client.findListed(id);
  const another = !!org?.createdAt && !!state.createdAt && org.createdAt !== state.createdAt;
  return { org: another ? undefined : org, another: another ? org : undefined };
}

/** An update would write over a registration that is not this resource's: refused. */
function notInState(id: string, another: SfpOrg | undefined): OrgplaneError {
  const now = another
    ? `the registration under ${id} now was made at ${another.createdAt}, not the one in state`
    : `${id} is no longer registered`;
  return new OrgplaneError(
    `sfp: ${now}. Run \`pulumi refresh\` to drop this resource from state; the next \`pulumi up\` then creates ` +
      "it again, or refuses an object that another owner holds (`adopt: true` takes it over).",
  );
}

/**
 * A registration as the list shows it. Not GET /org: that one mints a Salesforce access token by default (seed
 * 001), which a refresh must not need. Concurrent refreshes share the list.
 */
async function readListed(id: string, state: State) {
  const { org } = await listedAsInState(SfpClient.for(state.connection), id, state);
  return org && stateOf(org);
}

/** Deletes the registration in state; one registered again under its username is another's, left alone. */
async function deleteListed(id: string, state: State) {
  const client = SfpClient.for(state.connection);
  const { another } = await listedAsInState(client, id, state);
  if (!another) return void (await client.deleteOrg(id));
  await pulumi.log.warn(
    `sfp: ${id} was registered again at ${another.createdAt} (not by this resource): left as is.`,
  );
}

const registration = schemaProvider<RegistrationInputs>(registrationSpec, {
  async create(inputs) {
    const client = SfpClient.for(inputs.connection);
    // Register is an upsert: the natural key is learned before the write, so it never takes over by accident.
    const username = await usernameOf(inputs);
    const register = async (retry: "owned" | "create") =>
      readBack(client, await client.register(registerBody({ ...inputs, username }), retry));
    return createOwned({
      resource: `sfp.SalesforceOrgRegistration "${username}"`,
      adopt: inputs.adopt,
      find: () => client.findListed(username),
      describe: (org) => `org id ${org.orgId}`,
      write: () => register("create"),
      // Adopting writes only a real difference; a registration as declared is taken over as listed.
      takeOver: async (org) =>
        differsFromListed(org, inputs) ? register("owned") : { id: org.username, outputs: stateOf(org) },
    });
  },
  read: readListed,
  async update(id, olds, news, changedKeys) {
    if (changedKeys.includes("sfdxAuthUrl")) await confirmSameUser(id, news);
    const client = SfpClient.for(news.connection);
    const { org: listed, another } = await listedAsInState(client, id, olds);
    if (!listed) throw notInState(id, another);
    const org = await client.register(registerBody({ ...news, username: id }));
    return stateOf(org, olds.createdAt);
  },
  delete: deleteListed,
});

const sandbox = schemaProvider<SandboxInputs>(sandboxSpec, {
  async create(inputs) {
    const client = SfpClient.for(inputs.connection);
    // The natural key is the production org and the sandbox name; the sandbox's username comes from the server.
    const register = async () =>
      readBack(client, await client.registerSandbox(inputs.sandboxName, inputs.productionUsername));
    return createOwned({
      resource: `sfp.SandboxRegistration "${inputs.sandboxName}" of ${inputs.productionUsername}`,
      adopt: inputs.adopt,
      find: () => client.findSandbox(inputs.productionUsername, inputs.sandboxName),
      describe: (org) => `as ${org.username}, org id ${org.orgId}`,
      write: register,
      // A sandbox has nothing to write beyond its key: adopting takes it over as listed.
      takeOver: async (org) => ({ id: org.username, outputs: stateOf(org) }),
    });
  },
  read: readListed,
  delete: deleteListed,
});

export const providers = { SalesforceOrgRegistration: registration, SandboxRegistration: sandbox };
