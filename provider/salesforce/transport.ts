import type * as Jsforce from "jsforce/lib/core";
import { PassThrough } from "node:stream";
import { HttpClient, RequestOptions } from "../core";

type JsforceModule = typeof Jsforce;
type HttpRequest = { url: string; method: string; headers?: Record<string, string>; body?: unknown };
type HttpResponse = { statusCode: number; headers: Record<string, string>; body: string };

let loaded: JsforceModule | undefined;

/**
 * jsforce, required on first use so that programs and the serialized provider never load it. Some jsforce 3.10
 * releases pull in undici 8, which needs Node.js >= 22.19; orgplane sends every request through core's
 * HttpClient (CoreTransport), so where undici cannot load an inert stand-in takes its place.
 */
export function jsforce(): JsforceModule {
  if (!loaded) {
    standInForUndici();
    // The core build: Connection and OAuth2 without the bulk, metadata and streaming APIs.
    loaded = require("jsforce/lib/core") as JsforceModule;
  }
  return loaded!;
}

function standInForUndici(): void {
  const { readFileSync } = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const request = require.resolve("jsforce/lib/request");
  if (!readFileSync(request, "utf8").includes('require("undici")')) return; // this build uses node-fetch
  const undiciPath = require.resolve("undici", { paths: [path.dirname(request)] });
  try {
    require(undiciPath);
    return;
  } catch {
    // undici needs a newer Node.js: the stand-in below takes its place
  }
  const Module = require("node:module") as { new (id: string): NodeJS.Module };
  const standIn = new Module(undiciPath);
  const unavailable = () => {
    throw new Error("orgplane sends jsforce's requests through its own transport");
  };
  class Unavailable {}
  standIn.exports = {
    Agent: Unavailable,
    ProxyAgent: Unavailable,
    fetch: unavailable,
    errors: { SocketError: class extends Error {} },
    Response: globalThis.Response,
  };
  standIn.loaded = true;
  require.cache[undiciPath] = standIn;
}

/** Salesforce error bodies: REST arrays, OAuth {error, error_description}, SOAP faults, collection items. */
export function parseSalesforceError(body: unknown): { code?: string; message?: string } {
  let value: unknown = Buffer.isBuffer(body) ? body.toString("utf8") : body;
  if (typeof value === "string") {
    const fault = /<faultcode>(?:\w+:)?([^<]*)<\/faultcode>\s*<faultstring>([^<]*)<\/faultstring>/.exec(
      value,
    );
    if (fault) return { code: fault[1], message: fault[2] };
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  const entries = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
  const first = entries[0];
  if (!first || typeof first !== "object") return {};
  if (typeof first.error === "string")
    return { code: first.error, message: first.error_description as string };
  const code = (first.errorCode ?? first.statusCode) as string | undefined;
  const messages = entries.map((e) => e.message).filter((m): m is string => typeof m === "string");
  return { code, message: messages.length > 0 ? messages.join("; ") : undefined };
}

/**
 * A jsforce transport that sends through core's HttpClient: one retry policy (backoff, jitter, Retry-After)
 * and ApiError for every failed status, with Salesforce's errorCode and message. jsforce's own fetch, retry
 * loop and session refresh never run: a 401 reaches core's SessionPool, which logs in once more.
 */
export class CoreTransport {
  private readonly clients = new Map<string, HttpClient>();

  httpRequest(request: HttpRequest): Promise<HttpResponse> & { stream(): NodeJS.ReadWriteStream } {
    const stream = new PassThrough();
    const promise = this.send(request).then(
      (response) => {
        stream.end(response.body);
        return response;
      },
      (error) => {
        stream.destroy();
        throw error;
      },
    );
    // jsforce reads the body from the promise and may pipe `stream()` (its StreamPromise shape).
    return Object.assign(promise, { stream: () => stream });
  }

  /** The HttpClient for one origin (instance or login host). */
  clientFor(origin: string): HttpClient {
    let client = this.clients.get(origin);
    if (!client) {
      client = new HttpClient({ backend: "salesforce", baseURL: origin, parseError: parseSalesforceError });
      this.clients.set(origin, client);
    }
    return client;
  }

  private async send(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const headers = Object.fromEntries(
      Object.entries(request.headers ?? {}).filter(([name]) => name.toLowerCase() !== "content-length"),
    );
    const res = await this.clientFor(url.origin).request<string>({
      method: request.method.toUpperCase() as RequestOptions["method"],
      path: url.pathname + url.search,
      body: request.body,
      headers,
      responseType: "text",
    });
    return { statusCode: res.status, headers: res.headers, body: res.data ?? "" };
  }
}

export const coreTransport = new CoreTransport();
