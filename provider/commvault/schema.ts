import { z } from "zod";
import {
  baseUrl,
  exactlyOneOf,
  field,
  inputSpec,
  kindInputsWith,
  localOnly,
  nameText,
  noTrailingSlash,
  replaceOnChange,
  secret,
  withRules,
} from "../core";

const sorted = (value: unknown) => (Array.isArray(value) ? [...value].sort() : value);
/** Access nodes are a set: order does not matter. */
const asSet = (value: unknown) =>
  Array.isArray(value) ? [...value].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : value;

export const connectionSchema = z
  .strictObject({
    url: baseUrl().describe("The web service root, e.g. https://cv.example.com/commandcenter/api."),
    username: z.string().min(1).optional().describe("A Commvault user, for POST /Login."),
    password: z
      .string()
      .min(1)
      .optional()
      .describe("That user's password in plain text; orgplane sends it Base64 encoded."),
    token: z
      .string()
      .min(1)
      .optional()
      .describe("An access token (API key) or a QSDK login token, sent in `Authtoken`. Wins over username."),
  })
  .refine((c) => !!c.token || (!!c.username && !!c.password), {
    message: "give a token, or a username and a password",
  });
export type CommvaultConnection = z.infer<typeof connectionSchema>;
export const connectionEnv = {
  url: "COMMVAULT_URL",
  username: "COMMVAULT_USERNAME",
  password: "COMMVAULT_PASSWORD",
  token: "COMMVAULT_TOKEN",
};
export const connectionSource = { backend: "commvault", schema: connectionSchema, env: connectionEnv };

const kindInputs = kindInputsWith(
  connectionSchema,
  "Where and as whom to call Commvault. Defaults to the COMMVAULT_* environment variables.",
);

/** An object with optional keys of which exactly one must be set. */
function oneOf<S extends Record<string, z.ZodOptional>>(shape: S, what: string) {
  const keys = Object.keys(shape);
  return z.strictObject(shape).superRefine((value, ctx) => {
    const given = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `${what}: give exactly one of ${keys.join(", ")}`,
        path: given.length > 1 ? [given[1]] : [],
      });
    }
  });
}

const id = () => z.number().int().positive();
const name = () => z.string().min(1);
/** A name Commvault shows and looks up: not blank, no control characters. */
const label = () => nameText().min(1);

export const planRef = oneOf({ planId: id().optional(), planName: label().optional() }, "a plan");
export const clientRef = oneOf({ clientId: id().optional(), clientName: label().optional() }, "a client");
export const clientGroupRef = oneOf(
  { clientGroupId: id().optional(), clientGroupName: label().optional() },
  "a client group",
);
export const accessNodeRef = oneOf(
  {
    clientId: id().optional(),
    clientName: label().optional(),
    clientGroupId: id().optional(),
    clientGroupName: label().optional(),
  },
  "an access node",
);
const companyRef = z
  .strictObject({
    companyId: z.number().int().nonnegative().optional().describe("0 is the CommCell itself."),
    companyName: label().optional(),
    multiCommcellId: z.number().int().optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.companyId === undefined) === (value.companyName === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "a company: give exactly one of companyId, companyName",
        path: [],
      });
    }
  });

export const salesforceAccountSchema = z.strictObject({
  environment: z.enum(["production", "sandbox"]).default("production"),
  authentication: z
    .enum(["oauth", "password"])
    .describe("`password` for unattended use; `oauth` also needs the interactive login in Command Center."),
  userName: name().describe("The Salesforce user Commvault logs in as."),
  password: secret(name()).describe(
    "The Salesforce user's password, plain text. Write-only: state keeps a hash.",
  ),
  consumerId: name().describe("The connected app's consumer key."),
  consumerSecret: secret(name()).describe("The connected app's consumer secret, plain text. Write-only."),
  token: secret(name()).optional().describe("The Salesforce user's security token. Write-only."),
  endpoint: field(z.url({ protocol: /^https$/ }).optional(), { normalize: noTrailingSlash }).describe(
    "The login host. Defaults to https://login.salesforce.com, or https://test.salesforce.com for a sandbox.",
  ),
});

export const syncDatabaseSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    type: z.enum(["sqlserver", "postgresql"]).default("postgresql"),
    host: name(),
    port: z.number().int().min(1).max(65535),
    name: name(),
    userName: name(),
    password: secret(name()).describe("The database user's password, plain text. Write-only."),
    instance: name().optional().describe("The SQL Server instance."),
  })
  .superRefine((db, ctx) => {
    if (db.instance !== undefined && db.type !== "sqlserver") {
      ctx.addIssue({ code: "custom", message: "instance is only for type sqlserver", path: ["instance"] });
    }
  });

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
    accessNodes: field(
      z
        .array(accessNodeRef)
        .superRefine((nodes, ctx) => {
          const keys = nodes.map((n) => JSON.stringify(Object.entries(n).sort()));
          keys.forEach((k, i) => {
            if (keys.indexOf(k) !== i)
              ctx.addIssue({ code: "custom", message: "is listed twice", path: [i] });
          });
        })
        .optional(),
      { computed: true, normalize: asSet },
    ).describe(
      "The whole access-node list. When set, the organization owns it; when unset, AccessNodeBindings own it.",
    ),
    salesforceAccount: salesforceAccountSchema,
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
export const organizationSpec = inputSpec(organizationInputs, {
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

/** Organization outputs (state keys beside the inputs). */
export const organizationOutputKeys = [
  "clientId",
  "clientName",
  "instanceId",
  "backupsetId",
  "planId",
  "planName",
  "companyId",
  "companyName",
  "memberServers",
] as const;

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
export const bindingSpec = inputSpec(bindingInputs);

export const bindingOutputKeys = ["nodeType", "nodeId", "nodeName", "instanceId", "backupsetId"] as const;

export type PlanRef = z.infer<typeof planRef>;
export type AccessNodeRef = z.infer<typeof accessNodeRef>;
export type SalesforceAccount = z.infer<typeof salesforceAccountSchema>;
export type SyncDatabase = z.infer<typeof syncDatabaseSchema>;
