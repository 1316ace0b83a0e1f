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
 * A registration as the list shows it. Not GET /org: that one mints a Salesforce access token by default (seed
 * 001), which a refresh must not need. Concurrent refreshes share the list.
 */
async function readListed(id: string, state: State) {
  const org = await SfpClient.for(state.connection).findListed(id);
  return org && stateOf(org);
}

const registration = schemaProvider<RegistrationInputs>(registrationSpec, {
  async create(inputs) {
    const client = SfpClient.for(inputs.connection);
    // Register is an upsert: the natural key is learned before the write, so it never takes over by accident.
    const username = await usernameOf(inputs);
    const register = async () =>
      readBack(client, await client.register(registerBody({ ...inputs, username })));
    return createOwned({
      resource: `sfp.SalesforceOrgRegistration "${username}"`,
      adopt: inputs.adopt,
      find: () => client.findListed(username),
      describe: (org) => `org id ${org.orgId}`,
      write: register,
      // Adopting writes only a real difference; a registration as declared is taken over as listed.
      takeOver: async (org, reason) => {
        if (reason === "recovered") return readBack(client, org);
        return differsFromListed(org, inputs) ? register() : { id: org.username, outputs: stateOf(org) };
      },
    });
  },
  read: readListed,
  async update(id, olds, news, changedKeys) {
    if (changedKeys.includes("sfdxAuthUrl")) await confirmSameUser(id, news);
    const org = await SfpClient.for(news.connection).register(registerBody({ ...news, username: id }));
    return stateOf(org, olds.createdAt);
  },
  async delete(id, state) {
    await SfpClient.for(state.connection).deleteOrg(id);
  },
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
      takeOver: async (org, reason) =>
        reason === "recovered" ? readBack(client, org) : { id: org.username, outputs: stateOf(org) },
    });
  },
  read: readListed,
  async delete(id, state) {
    await SfpClient.for(state.connection).deleteOrg(id);
  },
});

export const providers = { SalesforceOrgRegistration: registration, SandboxRegistration: sandbox };
