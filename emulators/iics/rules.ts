/**
 * What IICS accepts in an org or a registration's user. The limits are seed 004's: description <= 255,
 * passwordExpirationInDays <= 180, passwordReuseInDays <= 730, state and zipcode required when country is US.
 */

export const EMPLOYEES = ["0_10", "11_25", "26_50", "51_100", "101_500", "501_1000", "1001_5000", "5001_"];

/** Fields POST /api/v2/org/<id> replaces: left out, they go back to these defaults (full-update semantics). */
export const UPDATABLE_DEFAULTS: Record<string, unknown> = {
  name: undefined,
  address1: undefined,
  address2: undefined,
  address3: undefined,
  city: undefined,
  state: undefined,
  zipcode: undefined,
  country: undefined,
  timezone: "America/Los_Angeles",
  description: undefined,
  successEmails: undefined,
  warningEmails: undefined,
  errorEmails: undefined,
  employees: undefined,
  offerCode: undefined,
  passwordReuseInDays: 0,
  passwordExpirationInDays: 0,
  // Policy fields the org object also carries; their defaults are the emulator's choice (UNVERIFIED).
  maxLogRows: 100,
  minPasswordLength: 8,
  minPasswordCharMix: 1,
};

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A whole number from JSON or XML (where every value is text), else undefined. */
export function wholeNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function intRange(org: Record<string, unknown>, key: string, min: number, max: number, problems: string[]) {
  if (blank(org[key])) return;
  const n = wholeNumber(org[key]);
  if (n === undefined || n < min || n > max)
    problems.push(`${key} must be a whole number from ${min} to ${max}.`);
}

/** The problems with an org object, as the API words them (one description per problem). */
export function orgProblems(org: Record<string, unknown>, addressOnlyForUS = false): string[] {
  const problems: string[] = [];
  for (const key of ["name", "address1", "city", "country", "employees"]) {
    if (blank(org[key])) problems.push(`${key} is required.`);
  }
  if (!blank(org.country) && !/^[A-Z]{2}$/.test(String(org.country))) {
    problems.push("country must be a valid country code.");
  }
  // Informatica's "creating sub-organizations" page requires them for every country; seed 004 only for the US.
  // The stricter reading is the default.
  if (!addressOnlyForUS || org.country === "US") {
    for (const key of ["state", "zipcode"]) if (blank(org[key])) problems.push(`${key} is required.`);
  }
  if (!blank(org.employees) && !EMPLOYEES.includes(String(org.employees))) {
    problems.push(`employees must be one of ${EMPLOYEES.join(", ")}.`);
  }
  if (!blank(org.timezone) && !isTimeZone(String(org.timezone))) problems.push("timezone is not valid.");
  if (typeof org.description === "string" && org.description.length > 255) {
    problems.push("description cannot be longer than 255 characters.");
  }
  intRange(org, "passwordReuseInDays", 0, 730, problems);
  intRange(org, "passwordExpirationInDays", 0, 180, problems);
  intRange(org, "minPasswordLength", 4, 12, problems);
  intRange(org, "minPasswordCharMix", 1, 4, problems);
  intRange(org, "maxLogRows", 1, 1_000_000, problems);
  for (const key of ["successEmails", "warningEmails", "errorEmails"]) {
    const value = org[key];
    if (
      !blank(value) &&
      !String(value)
        .split(",")
        .every((part) => EMAIL.test(part.trim()))
    ) {
      problems.push(`${key} must hold valid email addresses.`);
    }
  }
  return problems;
}

/** The problems with a registration's user (the new org's administrator). */
export function userProblems(user: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ["name", "password", "firstName", "lastName"]) {
    if (blank(user[key])) problems.push(`user.${key} is required.`);
  }
  if (!blank(user.name) && !EMAIL.test(String(user.name)))
    problems.push("user.name must be an email address.");
  for (const key of ["name", "password"]) {
    if (typeof user[key] === "string" && (user[key] as string).length > 255) {
      problems.push(`user.${key} cannot be longer than 255 characters.`);
    }
  }
  if (!blank(user.timezone) && !isTimeZone(String(user.timezone)))
    problems.push("user.timezone is not valid.");
  return problems;
}
