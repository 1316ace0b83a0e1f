import { z } from "zod";
import {
  baseUrl,
  exactlyOneOf,
  field,
  inputSpec,
  localOnly,
  nameText,
  noTrailingSlash,
  replaceOnChange,
  secret,
  topLevelKeys,
  withRules,
  backendConnection,
  connectionUrl,
  connectionText,
  signInWith,
  exactlyOneOfBlaming,
  onlyWhen,
  uniqueItems,
  lookupArgsWith,
} from "../core";

const sorted = (value: unknown) => (Array.isArray(value) ? [...value].sort() : value);
/** Access nodes are a set: order does not matter. */
const asSet = (value: unknown) =>
  Array.isArray(value) ? [...value].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : value;

export const { connectionSchema, connectionEnv, connectionSource, kindInputs } = backendConnection(
  "commvault",
  {
    url: connectionUrl(
      "COMMVAULT_URL",
      "The web service root, e.g. https://cv.example.com/commandcenter/api.",
    ),
    username: connectionText("COMMVAULT_USERNAME", "A Commvault user, for POST /Login."),
    password: connectionText(
      "COMMVAULT_PASSWORD",
      "That user's password in plain text; orgplane sends it Base64 encoded.",
    ),
    token: connectionText(
      "COMMVAULT_TOKEN",
      "An access token (API key) or a QSDK login token, sent in `Authtoken`. Wins over username.",
    ),
  },
  {
    rules: [signInWith(["token"], ["username", "password"])],
    help: "Where and as whom to call Commvault. Defaults to the COMMVAULT_* environment variables.",
  },
);

/** An object with optional keys of which exactly one must be set (a failure names the key given too many). */
const oneOf = <S extends Record<string, z.ZodOptional>>(shape: S) =>
  withRules(z.strictObject(shape), [exactlyOneOfBlaming("extra", ...Object.keys(shape))]);

const positive = { message: "must be a positive integer" };
const id = () => z.number().int(positive).positive(positive);
const name = () => z.string().min(1);
/** A name Commvault shows and looks up: not blank, no control characters. */
const label = () => nameText().min(1);
/**
 * A name looked up with `fq=name:eq:<name>` (client.ts): Commvault documents no escape for its filter syntax, so
 * `,` and `:`, which could add or change a clause, are refused.
 */
const fqName = () =>
  nameText()
    .min(1, { message: "must not be blank" })
    .regex(/^[^,:]*$/, {
      message:
        "must not contain , or : (Commvault's fq name filter has no escape for them; give the id instead)",
    });

const byId = {
  plan: id().optional().describe("The plan's id."),
  client: id().optional().describe("A server's client id."),
  clientGroup: id().optional().describe("A server group's id."),
};
const byName = {
  plan: fqName().optional().describe("The plan's name (case-insensitive)."),
  client: fqName().optional().describe("A server's client name (case-insensitive)."),
  clientGroup: fqName().optional().describe("A server group's name (case-insensitive)."),
  company: fqName().optional().describe("The company's name (case-insensitive)."),
};
export const planRef = oneOf({ planId: byId.plan, planName: byName.plan });
export const clientRef = oneOf({ clientId: byId.client, clientName: byName.client });
export const clientGroupRef = oneOf({ clientGroupId: byId.clientGroup, clientGroupName: byName.clientGroup });
export const accessNodeRef = oneOf({
  clientId: byId.client,
  clientName: byName.client,
  clientGroupId: byId.clientGroup,
  clientGroupName: byName.clientGroup,
});
const companyRef = withRules(
  z.strictObject({
    companyId: z.number().int().nonnegative().optional().describe("0 is the CommCell itself."),
    companyName: byName.company,
    multiCommcellId: z
      .number()
      .int()
      .optional()
      .describe("The company's CommCell, in a multi-CommCell setup."),
  }),
  [exactlyOneOfBlaming("object", "companyId", "companyName")],
);

/** The arguments of each lookup (functions.ts), checked before any call. */
const { argsOf, oneOf: oneOfArgs } = lookupArgsWith(connectionSchema);
export const lookups = {
  listPlans: argsOf({}),
  getPlan: oneOfArgs({ planId: byId.plan, planName: byName.plan }),
  listCompanies: argsOf({}),
  getCompany: oneOfArgs({
    companyId: id().optional().describe("The company's id."),
    companyName: byName.company,
  }),
  listClients: argsOf({
    cloudAppsOnly: z.boolean().optional().describe("Only the Cloud Apps pseudo-clients."),
  }),
  getClient: oneOfArgs({ clientId: byId.client, clientName: byName.client }),
  listClientGroups: argsOf({}),
  getClientGroup: oneOfArgs({ clientGroupId: byId.clientGroup, clientGroupName: byName.clientGroup }),
  listOrganizations: argsOf({}),
  getOrganization: oneOfArgs({
    organizationName: nameText().optional().describe("The organization's name (case-insensitive)."),
    clientId: byId.client,
  }),
};

export const salesforceAccountSchema = z.strictObject({
  environment: z
    .enum(["production", "sandbox"])
    .default("production")
    .describe("The kind of Salesforce org."),
  authentication: z
    .enum(["oauth", "password"])
    .describe("`password` for unattended use; `oauth` also needs the interactive login in Command Center."),
  userName: label().describe("The Salesforce user Commvault logs in as."),
  password: secret(name()).describe(
    "The Salesforce user's password, plain text. Write-only: state keeps a hash.",
  ),
  consumerId: name().describe("The connected app's consumer key."),
  consumerSecret: secret(name()).describe("The connected app's consumer secret, plain text. Write-only."),
  token: secret(name()).optional().describe("The Salesforce user's security token. Write-only."),
  endpoint: field(baseUrl(/^https$/).optional(), { normalize: noTrailingSlash }).describe(
    "The login host. Defaults to https://login.salesforce.com, or https://test.salesforce.com for a sandbox.",
  ),
});

export const syncDatabaseSchema = withRules(
  z.strictObject({
    enabled: z.boolean().default(true).describe("Whether Commvault syncs to the database."),
    type: z.enum(["sqlserver", "postgresql"]).default("postgresql").describe("The database engine."),
    host: label().describe("The database host."),
    port: z.number().int().min(1).max(65535).describe("The database port."),
    name: label().describe("The database name."),
    userName: label().describe("The database user."),
    password: secret(name()).describe("The database user's password, plain text. Write-only."),
    instance: label().optional().describe("The SQL Server instance."),
  }),
  [onlyWhen("instance", "type", "sqlserver")],
);

/** A setting only Modify can set: optional, and left alone while unset. */
const modifyOnly = <T extends z.ZodType>(schema: T, extra: { normalize?: (v: unknown) => unknown } = {}) =>
  field(schema.optional(), { computed: true, ...extra });

const replaceNote = "Modify cannot change it: a change replaces the organization (a new client).";

export const organizationInputs = kindInputs(
  {
    organizationName: replaceOnChange(label().max(256), { note: replaceNote, naturalKey: true }).describe(
      "The organization's name, which is also its client name. The natural key.",
    ),
    plan: replaceOnChange(planRef, { note: replaceNote }).describe("The plan, `{planName}` or `{planId}`."),
    company: replaceOnChange(companyRef.default({ companyId: 0 }), { note: replaceNote }).describe(
      "The owning company, `{companyId}` or `{companyName}`. Defaults to the CommCell (companyId 0).",
    ),
    accessNodes: field(uniqueItems(z.array(accessNodeRef), { ignoreCase: true }).optional(), {
      computed: true,
      normalize: asSet,
    }).describe(
      "The whole access-node list. When set, the organization owns it; when unset, AccessNodeBindings own it.",
    ),
    salesforceAccount: salesforceAccountSchema.describe(
      "The Salesforce org to back up, and how Commvault logs in to it.",
    ),
    downloadCachePath: label().describe("A directory on the access nodes for downloads."),
    syncDatabase: field(syncDatabaseSchema.optional(), { computed: true }).describe(
      "The sync database. Removing the block leaves the server's setting alone; set enabled: false to stop.",
    ),
    useResourcePoolInfo: replaceOnChange(z.boolean().default(false), { note: replaceNote }).describe(
      "Use the resource pool linked with the plan.",
    ),
    backupFileObjects: modifyOnly(z.boolean()).describe("Back up files (Modify only)."),
    backupArchivedAndDeletedRecords: modifyOnly(z.boolean()).describe(
      "Back up archived and deleted records (Modify only).",
    ),
    backupMetadata: modifyOnly(z.boolean()).describe("Back up Salesforce metadata (Modify only)."),
    filesPerBackup: modifyOnly(z.number().int().min(0)).describe("The file download limit (Modify only)."),
    backupStreams: modifyOnly(z.number().int().min(1)).describe(
      "The number of backup streams (Modify only).",
    ),
    excludedObjects: modifyOnly(z.array(label()), { normalize: sorted }).describe(
      "Salesforce objects to leave out of backups (Modify only).",
    ),
    deletionPolicy: localOnly(z.enum(["retire", "forceDelete"]).default("retire")).describe(
      "`retire` (default) keeps backup data until retention ends; `forceDelete` destroys it.",
    ),
  },
  "Take over an existing organization with the same name instead of failing.",
);
export type OrganizationInputs = z.infer<typeof organizationInputs>;

/** An access node as the server holds it (generated as the `AccessNode` type). */
const accessNode = z
  .union([
    z.object({
      clientId: z.number().describe("The server's client id."),
      clientName: z.string().describe("The server's client name."),
    }),
    z.object({
      clientGroupId: z.number().describe("The server group's id."),
      clientGroupName: z.string().describe("The server group's name."),
    }),
  ])
  .meta({ id: "AccessNode", description: "A server or a server group, as the organization lists it." });

/** Organization outputs (state keys beside the inputs). */
export const organizationOutputs = z.object({
  clientId: z.number().describe("The organization's client id (the resource id is its string form)."),
  clientName: z.string().describe("The client name: the organization's name as Commvault holds it."),
  instanceId: z.number().describe("The Cloud Apps instance id."),
  backupsetId: z.number().describe("The backup set id."),
  planId: z.number().describe("The plan's id."),
  planName: z.string().describe("The plan's name."),
  companyId: z.number().describe("The owning company's id (0: the CommCell)."),
  companyName: z.string().optional().describe("The owning company's name."),
  memberServers: z
    .array(accessNode)
    .describe("The access nodes as the server holds them, whoever put them there."),
});
export const organizationSpec = inputSpec(organizationInputs, {
  outputs: organizationOutputs,
  // A retired client can stay behind, deconfigured, under its name: the replacement could never take the name.
  sameKeyReplace: {
    refuse: (replaced, news) =>
      `commvault: changing ${replaced.join(", ")} replaces organization "${news.organizationName}" with a new ` +
      "client of the same name, but Commvault's Retire can leave the old client behind, deconfigured, still " +
      "holding that name, and orgplane never takes over the client it is replacing. To make the change, also " +
      "give the organization a new organizationName (the new client is created under it, then the old one " +
      "is retired), or restore the declared value.",
  },
});

export const organizationOutputKeys = topLevelKeys(organizationOutputs);

/** The Modify-only settings and their wire names in the Modify body. */
export const modifyOnlySettings = {
  backupFileObjects: "backupFileObjects",
  backupArchivedAndDeletedRecords: "backupArchivedandDeletedRecs",
  backupMetadata: "backupSFMetadata",
  filesPerBackup: "filesPerBackup",
  backupStreams: "noOfBackupStreams",
  excludedObjects: "ignoreObjs",
} as const;

export const bindingInputs = withRules(
  kindInputs(
    {
      organizationId: replaceOnChange(
        z.string().regex(/^[1-9]\d*$/, { message: "must be an organization's clientId (usually org.id)" }),
        { naturalKey: true },
      ).describe("The organization's clientId, usually `org.id`."),
      client: replaceOnChange(clientRef.optional(), { naturalKey: true }).describe(
        "A server: `{clientName}` or `{clientId}`.",
      ),
      clientGroup: replaceOnChange(clientGroupRef.optional(), { naturalKey: true }).describe(
        "A server group: `{clientGroupName}` or `{clientGroupId}`.",
      ),
    },
    "Take over the node when it is already in the list instead of failing.",
  ),
  [exactlyOneOf("client", "clientGroup")],
);
export type BindingInputs = z.infer<typeof bindingInputs>;

/** What a binding reports: the node as the organization's list holds it. */
export const bindingOutputs = z.object({
  nodeType: z.enum(["client", "clientGroup"]).describe("Whether the node is a server or a server group."),
  nodeId: z.number().describe("The node's client or client group id."),
  nodeName: z.string().describe("The node's client or client group name."),
  instanceId: z.number().describe("The organization's Cloud Apps instance id."),
  backupsetId: z.number().describe("The organization's backup set id."),
});
export const bindingSpec = inputSpec(bindingInputs, { outputs: bindingOutputs });

export const bindingOutputKeys = topLevelKeys(bindingOutputs);

export type PlanRef = z.infer<typeof planRef>;
export type AccessNodeRef = z.infer<typeof accessNodeRef>;
export type SalesforceAccount = z.infer<typeof salesforceAccountSchema>;
export type SyncDatabase = z.infer<typeof syncDatabaseSchema>;
