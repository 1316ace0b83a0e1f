import { z } from "zod";
import {
  baseUrl,
  field,
  inputSpec,
  nameText,
  replaceOnChange,
  secret,
  SFDX_AUTH_URL,
  topLevelKeys,
  lower,
  noTrailingSlash,
  requiredWhen,
  withRules,
  backendConnection,
  fromEnv,
  connectionUrl,
  salesforceUsername,
  lookupArgsWith,
} from "../core";

export const { connectionSchema, connectionEnv, connectionSource, kindInputs } = backendConnection(
  "sfp",
  {
    url: connectionUrl("SFP_SERVER_URL", "The sfp server's base URL, e.g. https://sfp.example.com."),
    token: fromEnv(
      "SFP_SERVER_TOKEN",
      z.string().min(1).describe("A bearer token: an owner's access token or an application token."),
    ),
  },
  { help: "Where and as whom to call the sfp server. Defaults to SFP_SERVER_URL and SFP_SERVER_TOKEN." },
);
const adopt = "Take over an existing registration with the same username instead of failing.";
/** Bounds of `metadata`, which the server stores with the registration. */
export const METADATA_LIMITS = { keys: 50, keyLength: 64, valueLength: 1024 };
/** A `__proto__` key is refused by check for every input (core checkWithSchema). */
const metadataKey = nameText().max(METADATA_LIMITS.keyLength);
const metadataValue = z.union([z.string().max(METADATA_LIMITS.valueLength), z.number(), z.boolean()]);

/** The arguments of each lookup (functions.ts), checked before any call. */
const { argsOf } = lookupArgsWith(connectionSchema);
export const lookups = {
  listOrgs: argsOf({
    type: nameText().optional().describe("The org type the server filters on, e.g. Developer Edition."),
    devhub: z.boolean().optional().describe("Only DevHubs (true) or only other orgs (false)."),
    metadata: z.record(metadataKey, metadataValue).optional().describe("Metadata every org listed has."),
  }),
  getOrg: argsOf({
    username: salesforceUsername().describe("The registration's username."),
    authType: z.enum(["accessToken", "sfdxAuthUrl"]).optional().describe("The credentials to return."),
  }),
  testConnection: argsOf({ username: salesforceUsername().describe("The registration's username.") }),
  getFrontdoorUrl: argsOf({
    target: nameText().describe("A scratch org's username, a sandbox name or a pool instance name."),
    repository: nameText().optional().describe("The repository (org/repo) of a pool instance."),
    prodOrg: salesforceUsername().optional().describe("The production org's username (dynamic sandboxes)."),
  }),
};

export const registrationInputs = withRules(
  kindInputs(
    {
      sfdxAuthUrl: secret(
        z.string().regex(SFDX_AUTH_URL, {
          message:
            "must be an SFDX auth URL: force://<clientId>:<clientSecret>:<refreshToken>@<host> (sf org display --verbose)",
        }),
      ).describe("The org's SFDX auth URL. Write-only: state keeps a hash."),
      username: field(salesforceUsername().optional(), {
        replaceOnChange: true,
        computed: true,
        normalize: lower,
        naturalKey: true,
      }).describe(
        "The org user's username. Defaults to the auth URL's user. A change replaces the registration.",
      ),
      instanceUrl: field(baseUrl().optional(), {
        computed: true,
        normalize: noTrailingSlash,
      }).describe(
        "The org's instance URL, without query, fragment or `.`/`..` segments. Defaults to the one the auth URL " +
          "leads to.",
      ),
      isDevHub: z.boolean().default(false).describe("Whether the org is a DevHub."),
      isDefault: z
        .boolean()
        .default(false)
        .describe("Whether this is the default DevHub (only one registration can be)."),
      metadata: z
        .record(metadataKey, metadataValue)
        .refine((m) => Object.keys(m).length <= METADATA_LIMITS.keys, {
          message: `must have at most ${METADATA_LIMITS.keys} keys`,
        })
        .default({})
        .describe(
          `Free key/value pairs (environment, owner...): at most ${METADATA_LIMITS.keys} keys of 1 to ` +
            `${METADATA_LIMITS.keyLength} characters (not blank, no control characters, not \`__proto__\`); ` +
            `values are numbers, booleans or strings of at most ${METADATA_LIMITS.valueLength} characters.`,
        ),
      skipValidation: z
        .boolean()
        .default(false)
        .describe("Skip the server's connection check (testing only)."),
    },
    adopt,
  ),
  // Without the server's check there is no org to read the username from: the server refuses it, so does check.
  [requiredWhen("username", "skipValidation", true)],
);
export type RegistrationInputs = z.infer<typeof registrationInputs>;

/** What the sfp server reports for a registration, of either kind. */
export const registrationOutputs = z.object({
  username: z.string().describe("The org user's username: the registration's id."),
  instanceUrl: z.string().describe("The org's instance URL."),
  orgId: z.string().describe("The Salesforce org id (empty when the server skipped validation)."),
  organizationType: z.string().describe("The org's type as Salesforce reports it, e.g. Developer Edition."),
  instanceName: z.string().describe("The Salesforce instance the org runs on, e.g. CS42."),
  isJitRegistration: z
    .boolean()
    .describe("Whether the server reaches the org through its production org's credentials (a sandbox)."),
  parentProductionUsername: z
    .string()
    .optional()
    .describe("The production org's username, for a sandbox registered by name."),
  createdAt: z.string().describe("When the server registered the org (ISO 8601)."),
});
export const registrationSpec = inputSpec(registrationInputs, { outputs: registrationOutputs });

export const sandboxInputs = kindInputs(
  {
    sandboxName: replaceOnChange(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,9}$/, {
        message: "must be a sandbox name: a letter, then up to 9 letters or digits",
      }),
      { normalize: lower, naturalKey: true },
    ).describe("The sandbox's name. A change replaces."),
    productionUsername: replaceOnChange(salesforceUsername(), {
      normalize: lower,
      naturalKey: true,
    }).describe("The registered production org whose user created the sandbox. A change replaces."),
  },
  adopt,
);
export type SandboxInputs = z.infer<typeof sandboxInputs>;
export const sandboxSpec = inputSpec(sandboxInputs, { outputs: registrationOutputs });

/** Outputs the server reports for a registration. */
export const registrationOutputKeys = topLevelKeys(registrationOutputs);
