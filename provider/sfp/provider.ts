import { OrgplaneError, PartialCreateError, schemaProvider, State } from "../core";
import { SfpClient, SfpOrg } from "./client";
import { RegistrationInputs, registrationSpec, SandboxInputs, sandboxSpec } from "./schema";

/** The outputs a registration reports, in state form (absent values dropped). */
function outputsOf(org: SfpOrg, createdAt?: unknown): State {
  const out: State = {
    username: org.username,
    instanceUrl: org.instanceUrl,
    orgId: org.orgId,
    organizationType: org.organizationType,
    instanceName: org.instanceName,
    isJitRegistration: org.isJitRegistration ?? false,
    parentProductionUsername: org.parentProductionUsername,
    isDevHub: org.isDevHub ?? false,
    isDefault: org.isDefault ?? false,
    metadata: org.metadata ?? {},
    createdAt: org.createdAt ?? createdAt,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function registerBody(inputs: RegistrationInputs) {
  return {
    sfdxAuthUrl: inputs.sfdxAuthUrl,
    username: inputs.username,
    instanceUrl: inputs.instanceUrl,
    isDevHub: inputs.isDevHub,
    isDefault: inputs.isDefault,
    metadata: inputs.metadata,
    ...(inputs.skipValidation ? { skipValidation: true } : {}),
  };
}

function alreadyRegistered(username: string): OrgplaneError {
  return new OrgplaneError(
    `sfp: ${username} is already registered on the sfp server. Set \`adopt: true\` to take over the existing ` +
      `registration, or remove it first.`,
  );
}

/**
 * Register is an upsert, so create guards against taking over a registration nobody asked to adopt. The check
 * and the read-back use the shared list (SfpClient.findListed): N creates in one run make a few list calls.
 */
async function refuseUnlessAdopting(client: SfpClient, username: string | undefined, adopt: boolean) {
  if (!username || adopt) return;
  if (await client.findListed(username)) throw alreadyRegistered(username);
}

/** The registration as the server now holds it. It exists already: a failed read keeps it in state anyway. */
async function readBack(client: SfpClient, org: SfpOrg) {
  try {
    const current = (await client.findListed(org.username)) ?? org;
    return { id: org.username, outputs: outputsOf(current) };
  } catch (e) {
    throw new PartialCreateError(org.username, outputsOf(org), e);
  }
}

const registration = schemaProvider<RegistrationInputs>(registrationSpec, {
  // Without the server's check there is no org to read the username from: the server refuses it, so does check.
  validate: (inputs) =>
    inputs.skipValidation && !inputs.username
      ? [{ property: "username", reason: "is required when skipValidation is true" }]
      : [],
  async create(inputs) {
    const client = SfpClient.for(inputs.connection);
    await refuseUnlessAdopting(client, inputs.username, inputs.adopt);
    const org = await client.register(registerBody(inputs));
    // The register reply has no createdAt: one read fills it in.
    return readBack(client, org);
  },
  async read(id, state) {
    const org = await SfpClient.for(state.connection).getOrg(id);
    return org && outputsOf(org);
  },
  async update(_id, olds, news) {
    const org = await SfpClient.for(news.connection).register(registerBody(news));
    return outputsOf(org, olds.createdAt);
  },
  async delete(id, state) {
    await SfpClient.for(state.connection).deleteOrg(id);
  },
});

const sandbox = schemaProvider<SandboxInputs>(sandboxSpec, {
  async create(inputs) {
    const client = SfpClient.for(inputs.connection);
    // A sandbox's user is the production user with the sandbox name appended: the natural key.
    await refuseUnlessAdopting(
      client,
      `${inputs.productionUsername}.${inputs.sandboxName}`.toLowerCase(),
      inputs.adopt,
    );
    const org = await client.registerSandbox(inputs.sandboxName, inputs.productionUsername);
    return readBack(client, org);
  },
  async read(id, state) {
    const org = await SfpClient.for(state.connection).getOrg(id);
    return org && outputsOf(org);
  },
  async delete(id, state) {
    await SfpClient.for(state.connection).deleteOrg(id);
  },
});

export const providers = { SalesforceOrgRegistration: registration, SandboxRegistration: sandbox };
