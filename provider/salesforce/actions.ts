import { Method } from "axios";
import { lookupsOf } from "../core/lookup-args";
import { SalesforceClient } from "./client";
import type { LookupOptions } from "./functions";
import { actions } from "./schema";
import { openLeadsQuery } from "./wire";

// Imperative actions (seed 002): they change or call the org outside any resource, so Pulumi does not track them.
// Their arguments are checked before any call, as the lookups' are.
const checked = lookupsOf("salesforce", actions);

/** Hands every open lead of one user to another; returns the leads moved. */
async function transferOpenLeads(
  client: SalesforceClient,
  fromUserId: string,
  toUserId: string,
): Promise<string[]> {
  const ids = (await client.query(openLeadsQuery(fromUserId))).map((l) => String(l.Id));
  await client.reassignLeads(ids, toUserId);
  return ids;
}

/**
 * The Custom API action: an authenticated call to any REST path (`/services/...`, or relative to
 * `/services/data/vXX.X`). 4xx answers come back as they are; 401 logs in again; 5xx and 429 are retried.
 */
export const request = checked(
  "request",
  async (
    args: {
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      path: string;
      query?: Record<string, string | number | boolean>;
      body?: unknown;
      headers?: Record<string, string>;
    } & LookupOptions,
  ): Promise<{ status: number; headers: Record<string, string>; body: unknown }> => {
    const passThrough = Array.from({ length: 100 }, (_, i) => 400 + i).filter((s) => s !== 401 && s !== 429);
    const res = await SalesforceClient.for(args.connection).http<unknown>({
      method: args.method as Method,
      path: args.path,
      query: args.query,
      body: args.body,
      headers: {
        ...(args.body !== undefined ? { "content-type": "application/json" } : {}),
        ...args.headers,
      },
      allowStatus: passThrough,
    });
    return { status: res.status, headers: res.headers, body: res.data };
  },
);

/**
 * Imperative helper for pipelines: hands every open lead of one user to another and returns their ids. It
 * changes data outside any resource, so Pulumi does not track it; run it from a script, not a program.
 */
export const transferLeads = checked(
  "transferLeads",
  async (
    args: { fromUserId: string; toUserId: string } & LookupOptions,
  ): Promise<{ transferred: number; leadIds: string[] }> => {
    const leadIds = await transferOpenLeads(
      SalesforceClient.for(args.connection),
      args.fromUserId,
      args.toUserId,
    );
    return { transferred: leadIds.length, leadIds };
  },
);
