import { randomBytes } from "node:crypto";
import { UPDATABLE_DEFAULTS } from "./rules";

export interface OrgRecord {
  id: string;
  orgUUID: string;
  /** "0" for a parent or stand-alone org, as the docs say. */
  parentOrgId: string;
  /** The fields POST /api/v2/org/<id> replaces. */
  fields: Record<string, unknown>;
  subOrgLimit: number;
  /** Concurrent REST sessions allowed; 0 means no limit here (its real meaning is UNVERIFIED). */
  restApiSessionLimit: number;
  createTime: string;
  updateTime: string;
  createdBy: string;
  updatedBy: string;
}

export interface UserRecord {
  id: string;
  orgId: string;
  name: string;
  password: string;
  firstName?: string;
  lastName?: string;
  title?: string;
  phone?: string;
  timezone?: string;
  roles: string[];
  createTime: string;
}

export interface SessionRecord {
  id: string;
  userId: string;
  lastUsed: number;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** A random id of the form IICS uses (org ids are 22 characters). */
export function randomId(length = 22): string {
  return [...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("");
}

/** The org object of the v2 API (`subOrgs` only for a parent). */
export function orgDto(org: OrgRecord, subOrgs?: OrgRecord[]) {
  return {
    "@type": "org",
    id: org.id,
    orgId: org.id,
    orgUUID: org.orgUUID,
    parentOrgId: org.parentOrgId,
    ...Object.fromEntries(Object.entries(org.fields).filter(([, v]) => v !== undefined)),
    createTime: org.createTime,
    updateTime: org.updateTime,
    createdBy: org.createdBy,
    updatedBy: org.updatedBy,
    devOrg: false,
    subOrgLimit: org.subOrgLimit,
    restApiSessionLimit: org.restApiSessionLimit,
    ...(subOrgs
      ? { subOrgs: subOrgs.map((s) => ({ "@type": "subOrg", id: s.id, name: s.fields.name })) }
      : {}),
  };
}

/** The user object of the v2 API (login adds serverUrl and icSessionId). The password never leaves. */
export function userDto(user: UserRecord, org: OrgRecord) {
  const { password: _password, roles, ...rest } = user;
  return {
    "@type": "user",
    ...rest,
    orgUuid: org.orgUUID,
    emails: user.name,
    roles: roles.map((name) => ({ "@type": "role", name, description: `${name} role` })),
    forceChangePassword: false,
  };
}

/** A new org record: the updatable fields from `fields`, the rest at their defaults. */
export function newOrg(
  fields: Record<string, unknown>,
  init: { parentOrgId: string; by: string; now: string; subOrgLimit: number; restApiSessionLimit: number },
): OrgRecord {
  return {
    id: randomId(),
    orgUUID: randomId(),
    parentOrgId: init.parentOrgId,
    fields: { ...UPDATABLE_DEFAULTS, ...fields },
    subOrgLimit: init.subOrgLimit,
    restApiSessionLimit: init.restApiSessionLimit,
    createTime: init.now,
    updateTime: init.now,
    createdBy: init.by,
    updatedBy: init.by,
  };
}
