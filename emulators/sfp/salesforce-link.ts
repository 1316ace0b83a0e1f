import { INTERNAL_REQUEST_HEADER } from "../core/emulator";

/** How the emulated sfp server talks to Salesforce, as sfp does: refresh-token exchange, then SOQL. */

const AUTH_URL =
  /^force:\/\/([a-zA-Z0-9._-]+={0,2}):([a-zA-Z0-9._-]*={0,2}):([a-zA-Z0-9._-]+={0,2})@([a-zA-Z0-9:._-]+)/;

export interface ParsedAuthUrl {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  loginUrl: string;
}

/** Loopback hosts speak plain HTTP (the local emulator); every other host is HTTPS, as in sfdx-core. */
function urlFor(host: string): string {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host) ? `http://${host}` : `https://${host}`;
}

export function parseAuthUrl(value: string): ParsedAuthUrl | undefined {
  const m = AUTH_URL.exec(value);
  return m ? { clientId: m[1], clientSecret: m[2], refreshToken: m[3], loginUrl: urlFor(m[4]) } : undefined;
}

export class SalesforceLinkError extends Error {}

export interface OrgFacts {
  accessToken: string;
  instanceUrl: string;
  username: string;
  orgId: string;
  organizationType: string;
  instanceName: string;
  isSandbox: boolean;
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    // Server-to-server traffic: faults injected for clients of the Salesforce emulator do not apply to it.
    res = await fetch(url, {
      ...init,
      headers: { ...(init.headers as object), [INTERNAL_REQUEST_HEADER]: "1" },
    });
  } catch (e) {
    throw new SalesforceLinkError(`could not reach ${new URL(url).host}: ${(e as Error).message}`);
  }
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const detail = Array.isArray(body)
      ? body.map((e: { errorCode?: string; message?: string }) => `${e.errorCode}: ${e.message}`).join("; ")
      : (body?.error_description ?? body?.error ?? text);
    throw new SalesforceLinkError(detail);
  }
  return body;
}

export async function exchangeRefreshToken(
  auth: ParsedAuthUrl,
): Promise<{ accessToken: string; instanceUrl: string }> {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: auth.refreshToken,
    client_id: auth.clientId,
  });
  if (auth.clientSecret) form.set("client_secret", auth.clientSecret);
  const token = (await call(`${auth.loginUrl}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  })) as { access_token: string; instance_url: string };
  return { accessToken: token.access_token, instanceUrl: token.instance_url };
}

async function factsFor(accessToken: string, instanceUrl: string): Promise<OrgFacts> {
  const headers = { authorization: `Bearer ${accessToken}` };
  const user = (await call(`${instanceUrl}/services/oauth2/userinfo`, { headers })) as {
    preferred_username: string;
  };
  const soql = "SELECT Id, OrganizationType, InstanceName, IsSandbox FROM Organization";
  const result = (await call(`${instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, {
    headers,
  })) as {
    records: { Id: string; OrganizationType: string; InstanceName: string; IsSandbox: boolean }[];
  };
  const org = result.records[0];
  return {
    accessToken,
    instanceUrl,
    username: user.preferred_username,
    orgId: org.Id,
    organizationType: org.OrganizationType,
    instanceName: org.InstanceName,
    isSandbox: org.IsSandbox,
  };
}

/** Validates an sfdxAuthUrl: token exchange, the user's name, and the Organization row. */
export async function describeOrg(auth: ParsedAuthUrl): Promise<OrgFacts> {
  const { accessToken, instanceUrl } = await exchangeRefreshToken(auth);
  return factsFor(accessToken, instanceUrl);
}

/** JIT sandbox access: the production org's token asks Salesforce for the sandbox's auth code. */
export async function sandboxAuth(prod: ParsedAuthUrl, sandboxName: string): Promise<OrgFacts> {
  const { accessToken, instanceUrl } = await exchangeRefreshToken(prod);
  const auth = (await call(`${instanceUrl}/services/data/v62.0/tooling/sandboxAuth`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      clientId: prod.clientId,
      sandboxName,
      callbackUrl: "http://localhost:1717/OauthRedirect",
    }),
  })) as { authCode: string; loginUrl: string };
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: auth.authCode,
    client_id: prod.clientId,
  });
  const token = (await call(`${auth.loginUrl}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  })) as { access_token: string; instance_url: string };
  return factsFor(token.access_token, token.instance_url);
}
