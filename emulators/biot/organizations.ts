import { randomUUID } from "node:crypto";
import { BiotFailure } from "./errors";
import { Searchable } from "./search";
import { BiotState, OrgRecord, Principal, Template, UserRecord } from "./state";
import { isObject, notConvertible, ORG_FIELDS, parseAdmin, parseCustom, parseOrgFields } from "./validate";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADQUARTERS_FIELDS = ["countryCode", "state", "city", "zipCode", "address1", "address2"];
const FILTERABLE = [
  "_id",
  "_name",
  "_description",
  "_phone",
  "_timezone",
  "_locale",
  "_primaryAdministrator.id",
  "_templateId",
  "_templateName",
  "_creationTime",
  "_lastModifiedTime",
  ...HEADQUARTERS_FIELDS.map((f) => `_headquarters.${f}`),
];

/** The Organization service's rules over the emulator's state: create, PATCH, change admin, delete, search. */
export class Organizations {
  /** How long an async delete leaves the organization visible (background work in the real service). */
  asyncDeleteDelayMs = 200;

  constructor(private readonly state: BiotState) {}

  /** The OrganizationResponse of a record: built-in fields, references, and the template's custom attributes. */
  toResponse(org: OrgRecord, referencers = false) {
    const template = this.state.templates.get(org.templateId)!;
    const admin = this.state.users.get(org.adminId);
    const templateData = (t: Template) => ({ id: t.id, name: t.name, displayName: t.displayName });
    const custom = Object.fromEntries(
      Object.keys(template.attributes).map((k) => [k, org.custom[k] ?? null]),
    );
    const optional = {
      _description: org.description,
      _headquarters: org.headquarters,
      _phone: org.phone,
      _timezone: org.timezone,
      _locale: org.locale,
    };
    return {
      ...custom,
      _id: org.id,
      _name: org.name,
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== null)),
      // UNVERIFIED: an organization's owner organization is taken to be itself.
      _ownerOrganization: {
        id: org.id,
        name: org.name,
        templateId: template.id,
        templateName: template.name,
        template: templateData(template),
      },
      _primaryAdministrator: admin ? this.userReference(admin) : {},
      _template: templateData(template),
      _creationTime: org.creationTime,
      _lastModifiedTime: org.lastModifiedTime,
      _caption: org.name,
      // `includeReferencers=true` (spec 2.4.2): a `_referencers` map by referencing attribute. INVENTED: empty,
      // as nothing the emulator holds references an organization through a reference attribute.
      ...(referencers ? { _referencers: {} } : {}),
    };
  }

  private userReference(user: UserRecord) {
    const t = this.state.templates.get(user.templateId)!;
    return {
      id: user.id,
      name: `${user.firstName} ${user.lastName}`,
      templateId: t.id,
      templateName: t.name,
      template: { id: t.id, name: t.name, displayName: t.displayName },
      organizationId: user.organizationId,
    };
  }

  byId(id: string): OrgRecord {
    if (!UUID.test(id)) throw notConvertible("id", `[${id}] is not a UUID`);
    const org = this.state.orgs.get(id);
    if (!org)
      throw new BiotFailure(404, "ORGANIZATION_NOT_FOUND", `Organization with id [${id}] not found`, { id });
    return org;
  }

  create(body: unknown, template: Template): OrgRecord {
    if (!isObject(body)) throw notConvertible("body", "a JSON object is required");
    const builtIns = [...ORG_FIELDS, "_primaryAdministrator", "_templateId"];
    const fields = parseOrgFields(body, false);
    const admin = parseAdmin(body._primaryAdministrator, this.state.adminFieldsOfSeed003);
    const custom = parseCustom(body, template, builtIns, true);
    if (this.state.findOrgByName(fields.name as string)) {
      throw new BiotFailure(
        409,
        "ORGANIZATION_ALREADY_EXIST",
        `Organization [${fields.name}] already exists`,
        { name: fields.name },
      );
    }
    if (admin.email && this.state.emailTaken(admin.email)) {
      throw new BiotFailure(409, "EMAIL_ALREADY_EXIST", `Email [${admin.email}] already exists`, {
        email: admin.email,
      });
    }
    const now = new Date().toISOString();
    const id = randomUUID();
    const adminTemplate = this.state.templateByName("OrganizationAdmin", "user")!;
    const user = this.state.addUser({
      organizationId: id,
      templateId: adminTemplate.id,
      firstName: admin.firstName,
      lastName: admin.lastName,
      email: admin.email,
      profile: admin.profile,
    });
    const org: OrgRecord = {
      id,
      templateId: template.id,
      adminId: user.id,
      custom: Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== null)),
      creationTime: now,
      lastModifiedTime: now,
      seq: this.state.nextSeq(),
      ...(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as { name: string }),
    };
    this.state.orgs.set(id, org);
    return org;
  }

  patch(org: OrgRecord, body: unknown): OrgRecord {
    if (!isObject(body)) throw notConvertible("body", "a JSON object is required");
    const template = this.state.templates.get(org.templateId)!;
    const fields = parseOrgFields(body, true, this.state.nullAddressClears);
    const custom = parseCustom(body, template, ORG_FIELDS, false);
    const name = fields.name as string | undefined;
    const clash = name && this.state.findOrgByName(name);
    if (clash && clash.id !== org.id) {
      throw new BiotFailure(409, "ORGANIZATION_ALREADY_EXIST", `Organization [${name}] already exists`, {
        name,
      });
    }
    // UNVERIFIED: the spec does not say what null does; here null clears a field.
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) delete (org as unknown as Record<string, unknown>)[key];
      else (org as unknown as Record<string, unknown>)[key] = value;
    }
    for (const [key, value] of Object.entries(custom)) {
      if (value === null) delete org.custom[key];
      else org.custom[key] = value;
    }
    org.lastModifiedTime = new Date().toISOString();
    return org;
  }

  /** Acts on the caller's own organization: the path names no organization (UNVERIFIED). */
  changeAdmin(caller: Principal, newAdminId: string): OrgRecord {
    if (!UUID.test(newAdminId)) throw notConvertible("newAdminId", "not a UUID");
    const org = this.byId(caller.organizationId);
    if (caller.kind === "user" && caller.id !== org.adminId) {
      throw new BiotFailure(401, "USER_IS_NOT_ADMIN", "The caller is not the organization's admin", {
        organizationId: org.id,
        userId: caller.id,
      });
    }
    const user = this.state.users.get(newAdminId);
    if (!user || user.organizationId !== org.id) {
      throw new BiotFailure(404, "USER_NOT_FOUND", `User with id [${newAdminId}] not found`, {
        id: newAdminId,
      });
    }
    const adminTemplate = this.state.templateByName("OrganizationAdmin", "user")!;
    if (user.templateId !== adminTemplate.id) {
      throw new BiotFailure(
        409,
        "USER_TEMPLATE_NOT_MATCH_TO_ORGANIZATION_ADMIN",
        "The user's template cannot be an organization admin",
        {
          userId: user.id,
          templateId: user.templateId,
        },
      );
    }
    org.adminId = user.id;
    org.lastModifiedTime = new Date().toISOString();
    return org;
  }

  remove(org: OrgRecord, mode: "sync" | "async"): void {
    if (org.first) {
      throw new BiotFailure(
        403,
        "CANNOT_DELETE_FIRST_ORGANIZATION",
        "The first organization cannot be deleted",
      );
    }
    if (mode === "sync") return this.state.deleteOrg(org.id);
    setTimeout(() => this.state.deleteOrg(org.id), this.asyncDeleteDelayMs).unref();
  }

  readonly searchable: Searchable<OrgRecord> = {
    value: (org, field) => {
      const template = this.state.templates.get(org.templateId)!;
      const builtIn: Record<string, unknown> = {
        _id: org.id,
        _name: org.name,
        _description: org.description,
        _phone: org.phone,
        _timezone: org.timezone,
        _locale: org.locale,
        "_primaryAdministrator.id": org.adminId,
        _templateId: template.id,
        _templateName: template.name,
        _creationTime: org.creationTime,
        _lastModifiedTime: org.lastModifiedTime,
      };
      if (field.startsWith("_headquarters.")) return org.headquarters?.[field.slice(14) as "city"];
      return field in builtIn ? builtIn[field] : org.custom[field];
    },
    filterable: (field) => FILTERABLE.includes(field) || !field.startsWith("_"),
    sortable: (field) =>
      (FILTERABLE.includes(field) && !field.startsWith("_template")) || !field.startsWith("_"),
    textFields: (org) => [
      org.id,
      org.name,
      org.description,
      org.phone,
      org.timezone,
      org.locale,
      ...Object.values(org.custom),
    ],
    dateFields: ["_creationTime", "_lastModifiedTime"],
  };
}
