import { FieldDef, fieldDef, ObjectDef, objectDef } from "./objects";
import { typeRules } from "./rules";
import { SfFault } from "./fault";
import { SalesforceOrg, SalesforceState, TokenGrant } from "./state";

export { SfFault };

/** Where a DML call runs: the org and the user behind the token. */
export interface DmlContext {
  state: SalesforceState;
  org: SalesforceOrg;
  grant: TokenGrant;
  version: string;
}

export type SObjectRecord = Record<string, unknown>;

const ID_SHAPE = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireType(type: string): ObjectDef {
  const def = objectDef(type);
  if (!def) throw new SfFault(404, "NOT_FOUND", "The requested resource does not exist");
  return def;
}

function checkValue(ctx: DmlContext, field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined || value === "") return null;
  const label = field.label;
  switch (field.type) {
    case "boolean":
      if (typeof value !== "boolean")
        throw new SfFault(
          400,
          "JSON_PARSER_ERROR",
          `Cannot deserialize instance of boolean from ${JSON.stringify(value)}`,
        );
      return value;
    case "int":
      return Number(value);
    case "reference": {
      const id = String(value);
      if (!ID_SHAPE.test(id))
        throw new SfFault(400, "MALFORMED_ID", `${label} ID: id value of incorrect type: ${id}`, [
          field.name,
        ]);
      const found = ctx.state.findById(ctx.org, id);
      if (!found || !(field.referenceTo ?? []).some((t) => t.toLowerCase() === found.type.toLowerCase())) {
        throw new SfFault(400, "INVALID_CROSS_REFERENCE_KEY", `invalid cross reference id`, [field.name]);
      }
      return found.record.Id;
    }
    case "picklist":
      if (field.restricted && !field.picklist?.includes(String(value))) {
        throw new SfFault(
          400,
          "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          `${label}: bad value for restricted picklist field: ${String(value)}`,
          [field.name],
        );
      }
      return value;
    case "multipicklist": {
      const bad = String(value)
        .split(";")
        .find((v) => !field.picklist?.includes(v));
      if (bad !== undefined) {
        throw new SfFault(
          400,
          "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          `${label}: bad value for restricted picklist field: ${bad}`,
          [field.name],
        );
      }
      return value;
    }
    case "email":
      if (!EMAIL_SHAPE.test(String(value))) {
        throw new SfFault(400, "INVALID_EMAIL_ADDRESS", `${label}: invalid email address: ${String(value)}`, [
          field.name,
        ]);
      }
      return field.name === "Username" ? String(value).toLowerCase() : value;
    default: {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      if (field.length && text.length > field.length) {
        throw new SfFault(
          400,
          "STRING_TOO_LONG",
          `${label}: data value too large: ${text} (max length=${field.length})`,
          [field.name],
        );
      }
      return value;
    }
  }
}

/** The body's fields checked against the type: known, writable for this call, well-formed. */
function checkFields(
  ctx: DmlContext,
  def: ObjectDef,
  body: SObjectRecord,
  mode: "create" | "update",
): SObjectRecord {
  const out: SObjectRecord = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === "attributes") continue;
    if (name.toLowerCase() === "id") {
      if (mode === "create")
        throw new SfFault(400, "INVALID_FIELD", "The Id field should not be specified in the sobject data.");
      continue;
    }
    const field = fieldDef(def, name);
    if (!field)
      throw new SfFault(400, "INVALID_FIELD", `No such column '${name}' on sobject of type ${def.name}`);
    if (mode === "create" ? !field.createable : !field.updateable) {
      throw new SfFault(
        400,
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        `Unable to ${mode} fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [field.name],
      );
    }
    out[field.name] = checkValue(ctx, field, value);
  }
  return out;
}

export function createRecord(ctx: DmlContext, type: string, body: SObjectRecord): string {
  const def = requireType(type);
  if (!def.create)
    throw new SfFault(
      400,
      "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
      `entity type cannot be inserted: ${def.label}`,
    );
  const values = checkFields(ctx, def, body, "create");
  for (const field of def.fields) {
    if (values[field.name] === undefined && field.defaultValue !== undefined)
      values[field.name] = field.defaultValue;
  }
  const rules = typeRules[def.name];
  const existing = rules?.existingDuplicate?.(ctx, values);
  if (existing) return existing;
  rules?.beforeCreate?.(ctx, values);
  const missing = def.fields.filter(
    (f) => f.required && (values[f.name] === undefined || values[f.name] === null),
  );
  if (missing.length > 0) {
    const names = missing.map((f) => f.name);
    throw new SfFault(
      400,
      "REQUIRED_FIELD_MISSING",
      `Required fields are missing: [${names.join(", ")}]`,
      names,
    );
  }
  const record = ctx.state.insert(ctx.org, def.name, values);
  rules?.afterCreate?.(ctx, record);
  return record.Id as string;
}

export function findRecord(ctx: DmlContext, def: ObjectDef, id: string): SObjectRecord {
  if (def.name === "Organization" && ctx.org.Id.startsWith(id)) {
    const { Id, Name, OrganizationType, InstanceName, IsSandbox, TrialExpirationDate } = ctx.org;
    return {
      Id,
      Name,
      OrganizationType,
      InstanceName,
      IsSandbox,
      TrialExpirationDate,
      NamespacePrefix: null,
    };
  }
  const found = ctx.state.findById(ctx.org, id);
  if (!found || found.type !== def.name)
    throw new SfFault(404, "NOT_FOUND", "The requested resource does not exist");
  return found.record;
}

export function updateRecord(ctx: DmlContext, type: string, id: string, body: SObjectRecord): void {
  const def = requireType(type);
  const record = findRecord(ctx, def, id);
  if (!def.update)
    throw new SfFault(
      400,
      "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
      `entity type cannot be updated: ${def.label}`,
    );
  const values = checkFields(ctx, def, body, "update");
  for (const field of def.fields.filter((f) => f.required)) {
    if (field.name in values && values[field.name] === null) {
      throw new SfFault(400, "REQUIRED_FIELD_MISSING", `Required fields are missing: [${field.name}]`, [
        field.name,
      ]);
    }
  }
  typeRules[def.name]?.beforeUpdate?.(ctx, record, values);
  Object.assign(record, values, { LastModifiedDate: new Date().toISOString() });
  typeRules[def.name]?.afterUpdate?.(ctx, record);
}

export function deleteRecord(ctx: DmlContext, type: string, id: string): void {
  const def = requireType(type);
  const record = findRecord(ctx, def, id);
  if (!def.delete) {
    // Users and logins cannot be deleted; the REST answer for the row is 405 [unverified: exact text].
    throw new SfFault(
      405,
      "METHOD_NOT_ALLOWED",
      "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH",
    );
  }
  typeRules[def.name]?.beforeDelete?.(ctx, record);
  ctx.state.table(ctx.org, def.name).delete(record.Id as string);
}

/** A record as the REST API returns it: attributes first, then the fields asked for (all by default). */
export function shapeRecord(
  ctx: DmlContext,
  def: ObjectDef,
  record: SObjectRecord,
  fields?: string[],
): SObjectRecord {
  const out: SObjectRecord = {
    attributes: { type: def.name, url: `/services/data/${ctx.version}/sobjects/${def.name}/${record.Id}` },
  };
  const names = fields ?? def.fields.map((f) => f.name);
  for (const name of names) {
    const field = fieldDef(def, name);
    if (!field) throw new SfFault(400, "INVALID_FIELD", `No such column '${name}' on entity '${def.name}'`);
    const computed = typeRules[def.name]?.computed?.(ctx, record, field.name);
    const value = computed !== undefined ? computed : record[field.name];
    out[field.name] =
      field.type === "base64" && value != null
        ? `/services/data/${ctx.version}/sobjects/${def.name}/${record.Id}/${field.name}`
        : (value ?? (field.type === "boolean" ? false : null));
  }
  return out;
}
