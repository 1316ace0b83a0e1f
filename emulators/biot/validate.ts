import { E164_PHONE, isBiotLocale, isIsoCountry, isJavaZone } from "./formats";
import { BiotFailure } from "./errors";
import { Address, Template } from "./state";

type Body = Record<string, unknown>;

const isObject = (v: unknown): v is Body => typeof v === "object" && v !== null && !Array.isArray(v);
/** Bodies of the wrong shape get codes from the spec's own 400 list (it names no generic code). */
export const typeMismatch = (attributeName: string, value: unknown, type: string) =>
  new BiotFailure(400, "ATTRIBUTE_VALUE_TYPE_MISMATCH", `[${attributeName}] must be ${type}`, {
    attributeName,
    value,
    type,
  });
export const unknownAttribute = (attributeName: string, templateId?: string) =>
  new BiotFailure(400, "ATTRIBUTE_NOT_VALID_FOR_TEMPLATE", `Attribute [${attributeName}] is not valid`, {
    attributeName,
    templateId,
  });
export const notConvertible = (attributeName: string, message: string) =>
  new BiotFailure(400, "ATTRIBUTE_VALUE_CONVERSION_FAILED", `[${attributeName}]: ${message}`, {
    attributeName,
    message,
  });
const mandatory = (attributeName: string) =>
  new BiotFailure(400, "ATTRIBUTE_IS_MANDATORY", `Attribute [${attributeName}] is mandatory`, {
    attributeName,
  });

export const ORG_FIELDS = [
  "_name",
  "_description",
  "_headquarters",
  "_phone",
  "_timezone",
  "_locale",
  "_branding",
];
const ADDRESS_FIELDS = ["countryCode", "state", "city", "zipCode", "address1", "address2"];

function optionalString(body: Body, key: string, maxLength?: number): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw typeMismatch(key, value, "string");
  if (maxLength !== undefined && value.length > maxLength) {
    throw new BiotFailure(400, "VALIDATION_MAX_ALLOWED_VALUE", `[${key}] is too long`, {
      attributeName: key,
      maxValue: maxLength,
    });
  }
  return value;
}

function regexFailure(attributeName: string, value: unknown, regex: string) {
  return new BiotFailure(400, "ATTRIBUTE_REGEX_VALIDATION_FAILED", `[${attributeName}] is not valid`, {
    attributeName,
    value,
    regex,
  });
}

/** An Address; `countryCode` is required whenever the object is sent. */
export function parseAddress(value: unknown, path: string, onMissingCountry: () => BiotFailure): Address {
  if (!isObject(value)) throw typeMismatch(path, value, "object");
  for (const key of Object.keys(value))
    if (!ADDRESS_FIELDS.includes(key)) throw unknownAttribute(`${path}.${key}`);
  if (value.countryCode === undefined || value.countryCode === null) throw onMissingCountry();
  const address: Record<string, string> = {};
  for (const key of ADDRESS_FIELDS) {
    const v = optionalString(value, key, key === "countryCode" ? 2 : 128);
    if (v !== undefined) address[key] = v;
  }
  if (!isIsoCountry(address.countryCode))
    throw regexFailure(`${path}.countryCode`, address.countryCode, "ISO-3166");
  return address as unknown as Address;
}

/** Checks and copies the organization fields both create and PATCH take. null clears a field on PATCH. */
export function parseOrgFields(body: Body, forPatch: boolean, nullAddressClears = false): Body {
  const out: Body = {};
  if ("_name" in body || !forPatch) {
    const name = optionalString(body, "_name");
    if (name === undefined) throw mandatory("_name");
    if (name.length < 1 || name.length > 32)
      throw name.length < 1
        ? mandatory("_name")
        : new BiotFailure(400, "VALIDATION_MAX_ALLOWED_VALUE", "[_name] is longer than 32", {
            attributeName: "_name",
            maxValue: 32,
          });
    out.name = name;
  }
  const text = (key: string, field: string, check?: (v: string) => void) => {
    if (!(key in body)) return;
    const v = optionalString(body, key, key === "_description" ? 5000 : 50);
    if (v !== undefined) check?.(v);
    out[field] = v ?? null;
  };
  text("_description", "description");
  text("_phone", "phone", (v) => {
    if (!E164_PHONE.test(v)) throw regexFailure("_phone", v, E164_PHONE.source);
  });
  text("_timezone", "timezone", (v) => {
    if (!isJavaZone(v))
      throw new BiotFailure(400, "VALIDATION_TIMEZONE_NOT_VALID", `Timezone [${v}] is not valid`, {
        value: v,
      });
  });
  text("_locale", "locale", (v) => {
    if (!isBiotLocale(v))
      throw new BiotFailure(400, "VALIDATION_LOCALE_NOT_VALID", `Locale [${v}] is not valid`, { value: v });
  });
  if ("_headquarters" in body) {
    const missing = () =>
      forPatch
        ? new BiotFailure(400, "COUNTRY_CODE_CANNOT_BE_NULL", "Country code cannot be null")
        : mandatory("_headquarters.countryCode");
    // INVENTED: what a null address does (the spec does not say; PATCH documents COUNTRY_CODE_CANNOT_BE_NULL).
    // The stricter reading (default) refuses it like a missing country code; the other clears it.
    out.headquarters =
      body._headquarters === null && forPatch && nullAddressClears
        ? null
        : parseAddress(body._headquarters ?? {}, "_headquarters", missing);
  }
  if ("_branding" in body && body._branding !== null && !isObject(body._branding))
    throw typeMismatch("_branding", body._branding, "object");
  return out;
}

const GENDERS = ["MALE", "FEMALE", "UNDISCLOSED"];
const ADMIN_FIELDS = [
  "_name",
  "_description",
  "_email",
  "_phone",
  "_locale",
  "_gender",
  "_dateOfBirth",
  "_address",
  "_mfa",
  "_credentialType",
  "_employeeId",
];

/**
 * OrganizationAdminUserRequest: only `_name {firstName, lastName}` is required (spec 2.4.2); seed 003 adds
 * `_email` and `_employeeId`.
 */
export function parseAdmin(value: unknown, seed003 = false) {
  const at = (key: string) => `_primaryAdministrator.${key}`;
  if (!isObject(value)) throw mandatory("_primaryAdministrator");
  if (seed003) for (const key of ["_email", "_employeeId"]) if (!value[key]) throw mandatory(at(key));
  for (const key of Object.keys(value)) if (!ADMIN_FIELDS.includes(key)) throw unknownAttribute(at(key));
  const name = value._name;
  if (!isObject(name)) throw mandatory(at("_name"));
  for (const part of ["firstName", "lastName"]) {
    if (typeof name[part] !== "string" || name[part] === "") throw mandatory(at(`_name.${part}`));
  }
  const email = optionalString(value, "_email", 128);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw regexFailure(at("_email"), email, "RFC-5322");
  const phone = optionalString(value, "_phone");
  if (phone !== undefined && !E164_PHONE.test(phone))
    throw regexFailure(at("_phone"), phone, E164_PHONE.source);
  const locale = optionalString(value, "_locale");
  if (locale !== undefined && !isBiotLocale(locale)) {
    throw new BiotFailure(400, "VALIDATION_LOCALE_NOT_VALID", `Locale [${locale}] is not valid`, {
      value: locale,
    });
  }
  const gender = optionalString(value, "_gender");
  if (gender !== undefined && !GENDERS.includes(gender)) {
    throw new BiotFailure(400, "SELECT_ATTRIBUTE_INVALID_VALUE", `Gender [${gender}] is not valid`, {
      value: gender,
      allowedValues: GENDERS,
      attributeName: at("_gender"),
    });
  }
  const dateOfBirth = optionalString(value, "_dateOfBirth");
  if (dateOfBirth !== undefined && Number.isNaN(Date.parse(dateOfBirth))) {
    throw new BiotFailure(400, "ATTRIBUTE_VALUE_CONVERSION_FAILED", "Date of birth is not a date", {
      attributeName: at("_dateOfBirth"),
      message: "not an ISO-8601 date",
    });
  }
  if (value._address !== undefined)
    parseAddress(value._address, at("_address"), () => mandatory(at("_address.countryCode")));
  if (value._mfa !== undefined) {
    const mfa = value._mfa;
    if (!isObject(mfa)) throw typeMismatch(at("_mfa"), mfa, "object");
    if (mfa.enabled !== undefined && typeof mfa.enabled !== "boolean")
      throw typeMismatch(at("_mfa.enabled"), mfa.enabled, "boolean");
    const minutes = mfa.expirationInMinutes;
    if (minutes !== undefined) {
      const attributeName = at("_mfa.expirationInMinutes");
      if (!Number.isInteger(minutes)) throw typeMismatch(attributeName, minutes, "integer");
      if ((minutes as number) < 1)
        throw new BiotFailure(400, "VALIDATION_MINIMUM_ALLOWED_VALUE", `[${attributeName}] is below 1`, {
          attributeName,
          minimum: 1,
        });
      if ((minutes as number) > 1440)
        throw new BiotFailure(400, "VALIDATION_MAX_ALLOWED_VALUE", `[${attributeName}] is above 1440`, {
          attributeName,
          maxValue: 1440,
        });
    }
  }
  return { firstName: name.firstName as string, lastName: name.lastName as string, email, profile: value };
}

function checkAttribute(template: Template, attributeName: string, value: unknown): void {
  const def = template.attributes[attributeName];
  if (!def) {
    throw new BiotFailure(
      400,
      "ATTRIBUTE_NOT_VALID_FOR_TEMPLATE",
      `Attribute [${attributeName}] is not valid for the template`,
      {
        attributeName,
        templateId: template.id,
      },
    );
  }
  if (value === null) return;
  const typeOk =
    def.type === "string"
      ? typeof value === "string"
      : def.type === "boolean"
        ? typeof value === "boolean"
        : def.type === "integer"
          ? Number.isInteger(value)
          : typeof value === "number";
  if (!typeOk) {
    throw new BiotFailure(
      400,
      "ATTRIBUTE_VALUE_TYPE_MISMATCH",
      `Attribute [${attributeName}] must be ${def.type}`,
      {
        attributeName,
        value,
        type: def.type,
      },
    );
  }
  if (def.select && !def.select.includes(value as string)) {
    throw new BiotFailure(400, "SELECT_ATTRIBUTE_INVALID_VALUE", `[${value}] is not an allowed value`, {
      value,
      allowedValues: def.select,
      attributeName,
    });
  }
  if (def.regex && !new RegExp(def.regex).test(value as string))
    throw regexFailure(attributeName, value, def.regex);
  if (def.minimum !== undefined && (value as number) < def.minimum) {
    throw new BiotFailure(400, "VALIDATION_MINIMUM_ALLOWED_VALUE", `[${attributeName}] is too small`, {
      attributeName,
      minimum: def.minimum,
    });
  }
  if (def.maximum !== undefined && (value as number) > def.maximum) {
    throw new BiotFailure(400, "VALIDATION_MAX_ALLOWED_VALUE", `[${attributeName}] is too large`, {
      attributeName,
      maxValue: def.maximum,
    });
  }
}

/**
 * The custom attributes of a request: every key that is not a built-in `_field`. Unknown `_fields` are refused
 * like attributes the template lacks. On create, mandatory attributes must be present.
 */
export function parseCustom(body: Body, template: Template, builtIns: string[], onCreate: boolean): Body {
  const custom: Body = {};
  for (const [key, value] of Object.entries(body)) {
    if (builtIns.includes(key)) continue;
    checkAttribute(template, key, value);
    custom[key] = value;
  }
  if (onCreate) {
    for (const [name, def] of Object.entries(template.attributes)) {
      if (def.mandatory && (custom[name] === undefined || custom[name] === null)) throw mandatory(name);
    }
  }
  return custom;
}

export { isObject };
