import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { generateKeyPairSync, sign, X509Certificate } from "node:crypto";
import { RunningEmulators, startEmulators } from "../../emulators";
import { CommvaultEmulator } from "../../emulators/commvault/server";
import { makeCertificates } from "../../emulators/core/tls";
import { SalesforceState } from "../../emulators/salesforce/state";
import { SfpEmulator } from "../../emulators/sfp/server";
import { guardContracts } from "./contract-guard";

/** HTTP as the vendors' servers speak it: TLS, trailing slashes, bodiless requests, XML types, 404 shapes. */
describe("emulators speak HTTP as the vendors' servers do", () => {
  let running: RunningEmulators;
  let ca: string;
  let sf: { token: string; orgId: string; userId: string; state: SalesforceState };

  /** One request with exact headers and body; https URLs trust only the emulators' CA. */
  const raw = (url: string, method: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<{ status: number; text: string; json: () => any }>((resolve, reject) => {
      const send = url.startsWith("https:") ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, ca }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, text, json: () => JSON.parse(text) }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const emulator = (name: string) => running.byName[name].emulator;
  const sfUrl = (path: string) => `${emulator("salesforce").httpsUrl}${path}`;
  const bearer = () => ({ authorization: `Bearer ${sf.token}` });

  beforeAll(async () => {
    running = await startEmulators();
    ca = readFileSync(running.env.NODE_EXTRA_CA_CERTS, "utf8");
    const state = (running.byName.salesforce.facts as { state: SalesforceState }).state;
    const created = state.createOrg({ username: "http@vendor.test", organizationType: "Developer Edition" });
    const grant = { orgId: created.org.Id, userId: created.userId, clientId: "x", clientSecret: "" };
    sf = { token: state.issueAccessToken(grant), orgId: created.org.Id, userId: created.userId, state };
  });
  guardContracts(() => Object.values(running?.byName ?? {}).map((s) => s.emulator));
  afterAll(() => running.stop());

  test("certificates are valid DER every time (1000 pairs: serials, lengths and bit strings vary)", () => {
    for (let i = 0; i < 1000; i++) {
      const { caCert, serverCert } = makeCertificates();
      const server = new X509Certificate(serverCert);
      expect(server.checkIssued(new X509Certificate(caCert))).toBe(true);
      expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
      expect(server.checkHost("localhost")).toBe("localhost");
      expect(server.ca).toBe(false);
    }
  });

  test("every emulator answers over https with a certificate for 127.0.0.1 and localhost, and over http", async () => {
    const cert = new X509Certificate(ca);
    expect(cert.ca).toBe(true);
    for (const name of Object.keys(running.byName)) {
      const { url, httpsUrl } = emulator(name);
      expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(running.env[`ORGPLANE_${name.toUpperCase()}_HTTPS_URL`]).toBe(httpsUrl);
      for (const root of [httpsUrl, httpsUrl.replace("127.0.0.1", "localhost"), url]) {
        expect((await raw(`${root}/__emulator/requests`, "GET")).status).toBe(200);
      }
    }
    const bundle = readFileSync(running.env.REQUESTS_CA_BUNDLE, "utf8");
    expect(bundle.startsWith(ca)).toBe(true);
    expect(bundle.split("BEGIN CERTIFICATE").length).toBeGreaterThan(50);
  });

  test("the printed https auth URL refreshes over https (as sfdx-core reads it)", async () => {
    const [, clientId, , refreshToken, host] = /^force:\/\/([^:]*):([^:]*):([^@]*)@(.+)$/.exec(
      running.env.ORGPLANE_SF_AUTH_URL_HTTPS,
    )!;
    expect(`https://${host}`).toBe(emulator("salesforce").httpsUrl);
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const res = await raw(`https://${host}/services/oauth2/token`, "POST", headers, form.toString());
    expect([res.status, res.json().instance_url]).toEqual([200, `https://${host}`]);
  });

  test("Salesforce over https: token URLs are https, tokens are <18-char org id>!<token>", async () => {
    expect(sf.token).toMatch(new RegExp(`^${sf.orgId}![.\\w]+$`));
    expect(sf.orgId).toHaveLength(18);
    const res = await raw(sfUrl(`/id/${sf.orgId}/${sf.userId}`), "GET", bearer());
    expect(res.json().urls.rest).toMatch(new RegExp(`^${emulator("salesforce").httpsUrl}/services/data/`));
  });

  test("Salesforce accepts trailing slashes and answers unknown routes with NOT_FOUND", async () => {
    const q = encodeURIComponent("SELECT Id FROM User");
    const query = await raw(sfUrl(`/services/data/v62.0/query/?q=${q}`), "GET", bearer());
    expect([query.status, query.json().totalSize]).toEqual([200, 1]);
    expect((await raw(sfUrl("/services/data/v62.0/limits/"), "GET", bearer())).status).toBe(200);
    const missing = await raw(sfUrl("/services/data/v62.0/no/such/thing"), "GET", bearer());
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual([
      { errorCode: "NOT_FOUND", message: "The requested resource does not exist" },
    ]);
  });

  test("a DELETE with a JSON content type and no body reaches the route (Salesforce, sfp)", async () => {
    const json = { "content-type": "application/json" };
    const gone = await raw(sfUrl("/services/data/v62.0/sobjects/Account/001000000000000AAA"), "DELETE", {
      ...bearer(),
      ...json,
    });
    expect(gone.status).toBe(404);
    expect(gone.json()[0].errorCode).not.toBe("JSON_PARSER_ERROR");
    const sfp = (running.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
    const path = "/sfp/api/auth/salesforce/org?username=nobody@x.test";
    const res = await raw(`${sfp.emulator.httpsUrl}${path}`, "DELETE", {
      authorization: `Bearer ${sfp.issueToken("owner")}`,
      ...json,
    });
    expect(res.status).toBe(404);
    expect(res.json().message).toBe("Organization not found");
    const unknown = await raw(`${sfp.emulator.httpsUrl}/sfp/api/nothing`, "GET");
    expect([unknown.status, unknown.json()]).toEqual([
      404,
      { message: "Cannot GET /sfp/api/nothing", error: "Not Found", statusCode: 404 },
    ]);
  });

  test("bodies stay checked: an empty JSON POST is 400, an unknown non-empty type 415", async () => {
    const url = sfUrl("/services/data/v62.0/sobjects/Account");
    const empty = await raw(url, "POST", { ...bearer(), "content-type": "application/json" }, "");
    expect([empty.status, empty.json()[0].errorCode]).toEqual([400, "JSON_PARSER_ERROR"]);
    const csv = await raw(url, "POST", { ...bearer(), "content-type": "text/csv" }, "Name\nAcme");
    expect([csv.status, csv.json()[0].errorCode]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
  });

  test("columns=true answers the query's column metadata", async () => {
    const q = encodeURIComponent("SELECT Id, Username, Profile.Name FROM User");
    const res = await raw(sfUrl(`/services/data/v62.0/query/?q=${q}&columns=true`), "GET", bearer());
    const body = res.json();
    expect(body).toMatchObject({ entityName: "User", idSelected: true, keyPrefix: "005" });
    expect(body.columnMetadata.map((c: { columnName: string }) => c.columnName)).toEqual([
      "Id",
      "Username",
      "Profile",
    ]);
    expect(body.columnMetadata[2].joinColumns[0].columnName).toBe("Name");
  });

  test("a JWT bearer assertion with exp as a numeric string is accepted", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    sf.state.connectedApps.set("jwt-app", {
      clientId: "jwt-app",
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    });
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const exp = String(Math.floor(Date.now() / 1000) + 120);
    const claims = { iss: "jwt-app", sub: "http@vendor.test", aud: "https://login.salesforce.com", exp };
    const unsigned = `${part({ alg: "RS256" })}.${part(claims)}`;
    const assertion = `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
    const form = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const res = await raw(sfUrl("/services/oauth2/token"), "POST", headers, form.toString());
    expect(res.status).toBe(200);
    expect(res.json().instance_url).toBe(emulator("salesforce").httpsUrl);
  });

  test("a SOAP login fault carries sf:LoginFault with sf:exceptionCode", async () => {
    const xml =
      '<?xml version="1.0"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:n1="urn:partner.soap.sforce.com"><env:Body><n1:login><n1:username>http@vendor.test</n1:username>' +
      "<n1:password>wrong</n1:password></n1:login></env:Body></env:Envelope>";
    const res = await raw(sfUrl("/services/Soap/u/59.0"), "POST", { "content-type": "text/xml" }, xml);
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/<sf:LoginFault[^>]*><sf:exceptionCode>INVALID_LOGIN<\/sf:exceptionCode>/);
  });

  test("Commvault: the root answers without a token; /Logout takes application/xml with no body", async () => {
    const cv = (running.byName.commvault.facts as { commvault: CommvaultEmulator }).commvault;
    const root = `${cv.emulator.httpsUrl}/commandcenter/api`;
    expect((await raw(`${root}/`, "GET")).status).toBe(200);
    expect((await raw(`${root}/Client`, "GET")).status).toBe(401);
    const login = await raw(
      `${root}/Login`,
      "POST",
      { "content-type": "application/json" },
      JSON.stringify({ username: "admin", password: Buffer.from(cv.admin.password).toString("base64") }),
    );
    const headers = { authtoken: login.json().token, "content-type": "application/xml" };
    expect((await raw(`${root}/WhoAmI`, "POST", headers)).json().user.userName).toBe("admin");
    const out = await raw(`${root}/Logout`, "POST", headers);
    expect([out.status, out.text]).toEqual([200, "User logged out"]);
    expect((await raw(`${root}/Logout`, "POST", headers)).status).toBe(401);
  });
});
