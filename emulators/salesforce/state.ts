import { randomBytes } from "node:crypto";
import { newId } from "./ids";

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

  reset(): void {
    this.orgs.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
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
    this.table(org, "User").set(userId, {
      Id: userId,
      Username: input.username.toLowerCase(),
      Email: input.username.toLowerCase(),
      LastName: "Admin",
      FirstName: "Org",
      Alias: "oadmin",
      IsActive: true,
    });
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
    const token = `00D!${randomBytes(24).toString("base64url")}`;
    this.accessTokens.set(token, grant);
    return token;
  }
}
