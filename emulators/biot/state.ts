import { randomBytes, randomUUID } from "node:crypto";

export type EntityType = "organization" | "user";

/** A custom attribute a template defines (a small part of BioT's settings service). */
export interface AttributeDef {
  type: "string" | "integer" | "decimal" | "boolean";
  mandatory?: boolean;
  regex?: string;
  minimum?: number;
  maximum?: number;
  /** Allowed values of a select attribute. */
  select?: string[];
}

export interface Template {
  id: string;
  name: string;
  displayName: string;
  entityType: EntityType;
  attributes: Record<string, AttributeDef>;
}

export interface Address {
  countryCode: string;
  state?: string;
  city?: string;
  zipCode?: string;
  address1?: string;
  address2?: string;
}

export interface OrgRecord {
  id: string;
  name: string;
  templateId: string;
  adminId: string;
  description?: string;
  headquarters?: Address;
  phone?: string;
  timezone?: string;
  locale?: string;
  custom: Record<string, unknown>;
  creationTime: string;
  lastModifiedTime: string;
  /** The manufacturer's own organization, which cannot be deleted. */
  first?: boolean;
  seq: number;
}

export interface UserRecord {
  id: string;
  organizationId: string;
  templateId: string;
  firstName: string;
  lastName: string;
  email?: string;
  /** Everything else the create request carried for the admin (kept, never echoed by the org API). */
  profile: Record<string, unknown>;
}

export const PERMISSIONS = [
  "PROTECTED_API",
  "ORGANIZATION_CREATE_ORGANIZATION",
  "ORGANIZATION_UPDATE_ORGANIZATION",
  "ORGANIZATION_DELETE_ORGANIZATION",
  "ORGANIZATION_CHANGE_ADMIN",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who can log in: a service user (id + secret key) or a user (username + password). */
export interface Principal {
  kind: "service" | "user";
  id: string;
  organizationId: string;
  permissions: Set<Permission>;
  secret: string;
  username?: string;
  locked?: boolean;
}

const ALL = new Set<Permission>(PERMISSIONS);

/** The emulator's data: templates, organizations, users and the principals that may log in. */
export class BiotState {
  readonly templates = new Map<string, Template>();
  readonly orgs = new Map<string, OrgRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly principals = new Map<string, Principal>();
  private seq = 0;
  /**
   * Play an older environment: seed 003 marks the admin's `_email` and `_employeeId` mandatory (2.4.2 does not),
   * and such environments answer 400 ATTRIBUTE_IS_MANDATORY without them.
   */
  adminFieldsOfSeed003 = false;
  /** The other reading of `_headquarters: null` on PATCH (undocumented): it clears the address. */
  nullAddressClears = false;
  manufacturer!: OrgRecord;
  service!: Principal;
  adminUser!: Principal;
  viewer!: Principal;

  constructor() {
    this.seed();
  }

  nextSeq(): number {
    return ++this.seq;
  }

  templateByName(name: string, entityType: EntityType): Template | undefined {
    return [...this.templates.values()].find((t) => t.name === name && t.entityType === entityType);
  }

  addTemplate(t: Omit<Template, "id"> & { id?: string }): Template {
    const template = { ...t, id: t.id ?? randomUUID() };
    this.templates.set(template.id, template);
    return template;
  }

  addUser(user: Omit<UserRecord, "id" | "profile"> & { profile?: Record<string, unknown> }): UserRecord {
    const record = { ...user, id: randomUUID(), profile: user.profile ?? {} };
    this.users.set(record.id, record);
    return record;
  }

  findOrgByName(name: string): OrgRecord | undefined {
    const key = name.toLowerCase();
    return [...this.orgs.values()].find((o) => o.name.toLowerCase() === key);
  }

  emailTaken(email: string): boolean {
    const key = email.toLowerCase();
    return [...this.users.values()].some((u) => u.email?.toLowerCase() === key);
  }

  /** Removes an organization and every user that belongs to it. */
  deleteOrg(id: string): void {
    this.orgs.delete(id);
    for (const [userId, user] of this.users) if (user.organizationId === id) this.users.delete(userId);
  }

  /** Everything but the seed: organizations other than the manufacturer and their users. */
  clearCreated(): void {
    for (const org of [...this.orgs.values()]) if (!org.first) this.deleteOrg(org.id);
  }

  private seed(): void {
    this.addTemplate({
      name: "Organization",
      displayName: "Organization",
      entityType: "organization",
      attributes: {},
    });
    this.addTemplate({
      name: "Clinic",
      displayName: "Clinic",
      entityType: "organization",
      attributes: {
        region: { type: "string" },
        beds: { type: "integer", minimum: 0, maximum: 10000 },
        accountCode: { type: "string", regex: "^[A-Z]{3}-[0-9]{4}$" },
      },
    });
    this.addTemplate({
      name: "Hospital",
      displayName: "Hospital",
      entityType: "organization",
      attributes: {
        region: { type: "string" },
        tier: { type: "string", select: ["A", "B", "C"] },
        accredited: { type: "boolean" },
      },
    });
    const adminTemplate = this.addTemplate({
      name: "OrganizationAdmin",
      displayName: "Organization Admin",
      entityType: "user",
      attributes: {},
    });
    this.addTemplate({ name: "Caregiver", displayName: "Caregiver", entityType: "user", attributes: {} });
    const now = new Date().toISOString();
    const orgId = randomUUID();
    const admin = this.addUser({
      organizationId: orgId,
      templateId: adminTemplate.id,
      firstName: "Manufacturer",
      lastName: "Admin",
      email: "admin@manufacturer.example",
    });
    this.manufacturer = {
      id: orgId,
      name: "Manufacturer",
      templateId: this.templateByName("Organization", "organization")!.id,
      adminId: admin.id,
      custom: {},
      creationTime: now,
      lastModifiedTime: now,
      first: true,
      seq: this.nextSeq(),
    };
    this.orgs.set(orgId, this.manufacturer);
    const secret = () => randomBytes(18).toString("base64url");
    this.service = this.addPrincipal({
      kind: "service",
      id: randomUUID(),
      permissions: ALL,
      secret: secret(),
    });
    this.adminUser = this.addPrincipal({
      kind: "user",
      id: admin.id,
      username: admin.email,
      permissions: ALL,
      secret: secret(),
    });
    const viewer = this.addUser({
      organizationId: orgId,
      templateId: this.templateByName("Caregiver", "user")!.id,
      firstName: "Read",
      lastName: "Only",
      email: "viewer@manufacturer.example",
    });
    this.viewer = this.addPrincipal({
      kind: "user",
      id: viewer.id,
      username: viewer.email,
      permissions: new Set<Permission>(["PROTECTED_API"]),
      secret: secret(),
    });
  }

  private addPrincipal(p: Omit<Principal, "organizationId">): Principal {
    const principal = { ...p, organizationId: this.manufacturer.id };
    this.principals.set(principal.id, principal);
    return principal;
  }
}
