import { parseQuery, Query, ValueCondition, WhereClause } from "soql-parser-js";

/**
 * SOQL parsed by soql-parser-js; the emulator evaluates a subset: SELECT fields FROM Type [WHERE cond {AND|OR cond}] [ORDER BY field [ASC|DESC]] [LIMIT n].
 * A condition is `field op literal` with op one of = != < > <= >= LIKE IN, or `field IN (...)`.
 * Dotted fields (Profile.Name) follow the relationship named by the prefix (ProfileId).
 */
export interface SoqlQuery {
  fields: string[];
  from: string;
  where?: Condition;
  orderBy?: { field: string; descending: boolean };
  limit?: number;
}

type Literal = string | number | boolean | null;
export type Condition =
  | { kind: "cmp"; field: string; op: string; value: Literal | Literal[] }
  | { kind: "and" | "or"; left: Condition; right: Condition };

export class SoqlError extends Error {}

type Item = "(" | ")" | "AND" | "OR" | Condition;

/** A literal as soql-parser-js gives it (the source text, with its literal type). */
function literal(value: unknown, type: unknown): Literal {
  const text = String(value);
  switch (String(type)) {
    case "STRING":
      return text.slice(1, -1).replace(/\\(.)/g, "$1");
    case "INTEGER":
    case "DECIMAL":
      return Number(text);
    case "BOOLEAN":
      return /^true$/i.test(text);
    case "NULL":
      return null;
    default:
      throw new SoqlError(`the emulator does not evaluate ${type} literals`);
  }
}

/** soql-parser-js's WHERE chain (left, operator, right; parentheses counted) as a flat list of items. */
function whereItems(where: WhereClause | undefined, out: Item[] = []): Item[] {
  if (!where) return out;
  const left = where.left as ValueCondition & { openParen?: number; closedParen?: number; fn?: unknown };
  if (!left || !("field" in left) || left.fn || (where.left as { valueQuery?: unknown }).valueQuery)
    throw new SoqlError("the emulator evaluates only field comparisons in WHERE");
  for (let n = 0; n < (left.openParen ?? 0); n++) out.push("(");
  const types = left.literalType;
  const value = Array.isArray(left.value)
    ? left.value.map((v, k) => literal(v, Array.isArray(types) ? types[k] : types))
    : literal(left.value, types);
  out.push({ kind: "cmp", field: left.field, op: left.operator.toUpperCase(), value });
  for (let n = 0; n < (left.closedParen ?? 0); n++) out.push(")");
  if ("operator" in where && where.operator) {
    out.push(where.operator === "OR" ? "OR" : "AND");
    whereItems((where as { right: WhereClause }).right, out);
  }
  return out;
}

/** AND binds tighter than OR, as in SOQL. */
function condition(items: Item[]): Condition {
  let i = 0;
  const primary = (): Condition => {
    const item = items[i++];
    if (item === "(") {
      const inner = disjunction();
      i++; // ")"
      return inner;
    }
    return item as Condition;
  };
  const conjunction = (): Condition => {
    let left = primary();
    while (items[i] === "AND") {
      i++;
      left = { kind: "and", left, right: primary() };
    }
    return left;
  };
  const disjunction = (): Condition => {
    let left = conjunction();
    while (items[i] === "OR") {
      i++;
      left = { kind: "or", left, right: conjunction() };
    }
    return left;
  };
  return disjunction();
}

/** Parses with soql-parser-js (a query it refuses is a MALFORMED_QUERY), then keeps what the emulator evaluates. */
export function parseSoql(text: string): SoqlQuery {
  let parsed: Query;
  try {
    parsed = parseQuery(text);
  } catch (e) {
    throw new SoqlError((e as Error).message.split("\n")[0]);
  }
  const fields = (parsed.fields ?? []).map((f) => {
    if (f.type === "Field") return f.field;
    if (f.type === "FieldRelationship") return f.rawValue ?? [...f.relationships, f.field].join(".");
    throw new SoqlError(`the emulator does not evaluate ${f.type} in SELECT`);
  });
  if (!parsed.sObject) throw new SoqlError("the emulator evaluates only queries on one object");
  const query: SoqlQuery = { fields, from: parsed.sObject };
  if (parsed.where) query.where = condition(whereItems(parsed.where));
  const orderBy = Array.isArray(parsed.orderBy) ? parsed.orderBy : parsed.orderBy ? [parsed.orderBy] : [];
  if (orderBy.length > 1) throw new SoqlError("the emulator orders by one field");
  const order = orderBy[0] as { field?: string; order?: string } | undefined;
  if (order) {
    if (!order.field) throw new SoqlError("the emulator orders by a field only");
    query.orderBy = { field: order.field, descending: order.order === "DESC" };
  }
  if (parsed.limit !== undefined) query.limit = parsed.limit;
  return query;
}

/** Reads a possibly dotted field; `resolve` follows a relationship (Profile -> the Profile record). */
export function fieldValue(
  record: Record<string, unknown>,
  field: string,
  resolve: (record: Record<string, unknown>, relationship: string) => Record<string, unknown> | undefined,
): unknown {
  const parts = field.split(".");
  let current: Record<string, unknown> | undefined = record;
  for (const part of parts.slice(0, -1)) current = current ? resolve(current, part) : undefined;
  if (!current) return null;
  const key = Object.keys(current).find((k) => k.toLowerCase() === parts[parts.length - 1].toLowerCase());
  return key === undefined ? null : current[key];
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

export function matches(
  record: Record<string, unknown>,
  where: Condition | undefined,
  resolve: (record: Record<string, unknown>, relationship: string) => Record<string, unknown> | undefined,
): boolean {
  if (!where) return true;
  if (where.kind === "and")
    return matches(record, where.left, resolve) && matches(record, where.right, resolve);
  if (where.kind === "or")
    return matches(record, where.left, resolve) || matches(record, where.right, resolve);
  if (where.kind !== "cmp") return false;
  const actual = fieldValue(record, where.field, resolve);
  const eq = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
  const value = where.value;
  switch (where.op) {
    case "=":
      return eq(actual, value);
    case "!=":
      return !eq(actual, value);
    case "IN":
      return (value as Literal[]).some((v) => eq(actual, v));
    case "NOT IN":
      return !(value as Literal[]).some((v) => eq(actual, v));
    case "LIKE":
      return typeof actual === "string" && likeToRegExp(String(value)).test(actual);
    case "<":
      return (actual as number) < (value as number);
    case ">":
      return (actual as number) > (value as number);
    case "<=":
      return (actual as number) <= (value as number);
    case ">=":
      return (actual as number) >= (value as number);
    default:
      throw new SoqlError(`unsupported operator ${where.op}`);
  }
}
