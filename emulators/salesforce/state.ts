import { randomBytes } from "node:crypto";
import { newId } from "./ids";
import { objectDef } from "./objects";
import { seedOrgMetadata } from "./seed";

export interface SalesforceUserRecord {
  Id: string;
  Username: string;
  [field: string]: unknown;
}

export interface SalesforceOrg {
  Id: string;
  Name: string;
  OrganizationType: string;
  InstanceName: string;
  IsSandbox: boolean;
  TrialExpirationDate: string | null;
  /** Sandboxes of a production org, by name, each an org of its own. */
  sandboxes: Map<string, string>;
  /** sObject records by type, then by id. */
  records: Map<string, Map<string, Record<string, unknown>>>;
}

/** A connected app: its consumer secret, and the certificate's public key for the JWT bearer flow. */
export interface ConnectedApp {
  clientId: string;
  clientSecret?: string;
  publicKeyPem?: string;
}

export interface TokenGrant {
  orgId: string;
  userId: string;
  clientId: string;
  clientSecret: string;
}

/** Everything the Salesforce emulator knows: orgs, their records, refresh and access tokens. */
export class SalesforceState {
  orgs = new Map<string, SalesforceOrg>();
  refreshTokens = new Map<string, TokenGrant>();
  accessTokens = new Map<string, TokenGrant>();
  connectedApps = new Map<string, ConnectedApp>();
  /** Passwords (and security tokens) by username, for the password grant and SOAP login. */
  passwords = new Map<string, { password: string; securityToken?: string }>();
  /** API requests per org in the current 24 h window, and the org's allowance. */
  apiUsage = new Map<string, { used: number; limit: number }>();
  /** Rows per query page before `nextRecordsUrl` (Salesforce: 2000). */
  queryPageSize = 2000;
  /**
   * Orgs made since Summer '23 block the OAuth username-password flow by default (Salesforce help,
   * "remoteaccess_disable_username_password_flow"). Set to play such an org.
   */
  passwordFlowBlocked = false;

  reset(): void {
    this.orgs.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.connectedApps.clear();
    this.passwords.clear();
    this.apiUsage.clear();
    this.queryPageSize = 2000;
  }

  /** Stores a record with a new id and system dates. */
  insert(org: SalesforceOrg, type: string, fields: Record<string, unknown>): Record<string, unknown> {
    const def = objectDef(type);
    const now = new Date().toISOString();
    const record = { Id: newId(def?.keyPrefix ?? "a00"), CreatedDate: now, LastModifiedDate: now, ...fields };
    this.table(org, def?.name ?? type).set(record.Id as string, record);
    return record;
  }

  /** The org and user holding a username, in any org: usernames are unique across Salesforce. */
  userByUsername(username: string): { org: SalesforceOrg; user: SalesforceUserRecord } | undefined {
    const wanted = username.toLowerCase();
    for (const org of this.orgs.values()) {
      for (const user of this.table(org, "User").values()) {
        if (String(user.Username).toLowerCase() === wanted)
          return { org, user: user as SalesforceUserRecord };
      }
    }
    return undefined;
  }

  /** The record with this id in an org, whatever its type. */
  findById(org: SalesforceOrg, id: string): { type: string; record: Record<string, unknown> } | undefined {
    for (const [type, table] of org.records) {
      const record =
        table.get(id) ??
        (id.length === 15 ? [...table.values()].find((r) => String(r.Id).startsWith(id)) : undefined);
      if (record) return { type, record };
    }
    return undefined;
  }

  /**
   * Remembers an org's records for a rollback: the function returned puts every table back as it was, with the
   * same record objects (holders of a record see it restored) in the same order.
   */
  checkpoint(org: SalesforceOrg): () => void {
    const saved = new Map(
      [...org.records].map(([type, table]) => [
        type,
        // Shallow copies: a write replaces field values, it never changes one in place.
        [...table.values()].map((record) => ({ record, fields: { ...record } })),
      ]),
    );
    return () => {
      for (const [type, table] of org.records) {
        table.clear();
        for (const { record, fields } of saved.get(type) ?? []) {
          for (const key of Object.keys(record)) if (!(key in fields)) delete record[key];
          table.set(String(fields.Id), Object.assign(record, fields));
        }
      }
    };
  }

  table(org: SalesforceOrg, type: string): Map<string, Record<string, unknown>> {
    let table = org.records.get(type);
    if (!table) {
      table = new Map();
      org.records.set(type, table);
    }
    return table;
  }

  /** Creates an org with one admin user and a refresh token for the CLI's connected app. */
  createOrg(input: {
    username: string;
    name?: string;
    organizationType?: string;
    instanceName?: string;
    isSandbox?: boolean;
    refreshToken?: string;
    clientId?: string;
    clientSecret?: string;
    password?: string;
  }): { org: SalesforceOrg; userId: string; refreshToken: string; clientId: string; clientSecret: string } {
    const org: SalesforceOrg = {
      Id: newId("00D"),
      Name: input.name ?? input.username.split("@")[1] ?? "Org",
      OrganizationType: input.organizationType ?? "Enterprise Edition",
      InstanceName: input.instanceName ?? "NA139",
      IsSandbox: input.isSandbox ?? false,
      TrialExpirationDate: null,
      sandboxes: new Map(),
      records: new Map(),
    };
    this.orgs.set(org.Id, org);
    const userId = newId("005");
    // The admin comes first in the User table: sandbox flows take the first user as the org's admin.
    this.table(org, "User").set(userId, {
      Id: userId,
      Username: input.username.toLowerCase(),
      Email: input.username.toLowerCase(),
      LastName: "Admin",
      FirstName: "Org",
      Name: "Org Admin",
      Alias: "oadmin",
      IsActive: true,
    });
    const metadata = seedOrgMetadata(this, org);
    Object.assign(this.table(org, "User").get(userId)!, metadata.adminDefaults);
    this.insert(org, "UserLogin", { UserId: userId, IsFrozen: false, IsPasswordLocked: false });
    if (input.password) this.passwords.set(input.username.toLowerCase(), { password: input.password });
    const refreshToken = input.refreshToken ?? `5Aep861${randomBytes(24).toString("base64url")}`;
    const clientId = input.clientId ?? "PlatformCLI";
    const clientSecret = input.clientSecret ?? "";
    this.refreshTokens.set(refreshToken, { orgId: org.Id, userId, clientId, clientSecret });
    return { org, userId, refreshToken, clientId, clientSecret };
  }

  /** Adds a sandbox (an org of its own) to a production org; its admin is `<prod username>.<sandbox>`. */
  createSandbox(prodOrgId: string, sandboxName: string): SalesforceOrg {
    const prod = this.orgs.get(prodOrgId);
    if (!prod) throw new Error(`no org ${prodOrgId}`);
    const prodAdmin = [...this.table(prod, "User").values()][0] as SalesforceUserRecord;
    const { org } = this.createOrg({
      username: `${prodAdmin.Username}.${sandboxName.toLowerCase()}`,
      name: `${prod.Name} ${sandboxName}`,
      organizationType: prod.OrganizationType,
      instanceName: "CS42",
      isSandbox: true,
    });
    prod.sandboxes.set(sandboxName.toLowerCase(), org.Id);
    return org;
  }

  userById(org: SalesforceOrg, id: string): SalesforceUserRecord | undefined {
    return this.table(org, "User").get(id) as SalesforceUserRecord | undefined;
  }

  issueAccessToken(grant: TokenGrant): string {
    // Real session ids are `<org id>!<token>`; the token's alphabet is [A-Za-z0-9._] (sfdx-core checks it).
    const token = `${grant.orgId}!AQ${randomBytes(48).toString("base64url").replace(/-/g, ".")}`;
    this.accessTokens.set(token, grant);
    return token;
  }
}
