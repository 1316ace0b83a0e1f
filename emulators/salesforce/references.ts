import { SfFault } from "./dml";

/** `@{referenceId.field}` with `.field` and `[n]` steps, as Composite writes references to earlier answers. */
const REFERENCE = /@\{([^}]*)\}/g;
const WHOLE_REFERENCE = /^@\{([^}]*)\}$/;

/** The value a reference names among the answers so far; no value fails the subrequest, as Salesforce does. */
function lookUp(answers: Map<string, unknown>, expression: string): unknown {
  const [, referenceId = "", path = ""] = /^([^.[]*)(.*)$/.exec(expression) ?? [];
  let value = answers.get(referenceId);
  for (const [, field, index] of path.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== "object") {
      value = undefined;
      break;
    }
    value = (value as Record<string, unknown>)[field ?? index];
  }
  if (value === undefined) {
    throw new SfFault(
      400,
      "PROCESSING_HALTED",
      `Invalid reference specified. No value for ${expression} found in ${referenceId}.`,
    );
  }
  return value;
}

/** A url (or a string in a body) with every reference replaced by its value as text. */
export const substituteText = (text: string, answers: Map<string, unknown>) =>
  text.replace(REFERENCE, (_, expression: string) => String(lookUp(answers, expression)));

/**
 * A subrequest body with its references replaced. A string that is one reference takes the value as it is
 * (a boolean stays a boolean) [unverified: Salesforce's handling of non-string values].
 */
export function substituteBody(body: unknown, answers: Map<string, unknown>): unknown {
  if (typeof body === "string") {
    const whole = WHOLE_REFERENCE.exec(body);
    return whole ? lookUp(answers, whole[1]) : substituteText(body, answers);
  }
  if (Array.isArray(body)) return body.map((item) => substituteBody(item, answers));
  if (body && typeof body === "object") {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, substituteBody(v, answers)]));
  }
  return body;
}
