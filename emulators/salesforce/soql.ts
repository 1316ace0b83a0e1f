/**
 * A small SOQL subset: SELECT fields FROM Type [WHERE cond {AND|OR cond}] [ORDER BY field [ASC|DESC]] [LIMIT n].
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

const TOKEN = /\s*('(?:[^'\\]|\\.)*'|!=|<=|>=|[(),=<>]|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.trim().length && (match = TOKEN.exec(text))) tokens.push(match[1]);
  if (tokens.join("").length < text.replace(/\s+/g, "").length)
    throw new SoqlError(`unexpected token in: ${text}`);
  return tokens;
}

export function parseSoql(text: string): SoqlQuery {
  const tokens = tokenize(text.trim());
  let i = 0;
  const peek = () => tokens[i]?.toUpperCase();
  const next = () => tokens[i++];
  const expect = (word: string) => {
    if (peek() !== word) throw new SoqlError(`expecting '${word}', found '${tokens[i] ?? "end"}'`);
    i++;
  };
  expect("SELECT");
  const fields: string[] = [];
  do {
    if (peek() === ",") i++;
    fields.push(next());
  } while (peek() === ",");
  expect("FROM");
  const from = next();
  const literal = (): Literal => {
    const t = next();
    if (t === undefined) throw new SoqlError("unexpected end of query");
    if (t.startsWith("'")) return t.slice(1, -1).replace(/\\(.)/g, "$1");
    if (/^-?\d/.test(t)) return Number(t);
    if (/^true$/i.test(t)) return true;
    if (/^false$/i.test(t)) return false;
    if (/^null$/i.test(t)) return null;
    throw new SoqlError(`unexpected token '${t}'`);
  };
  const comparison = (): Condition => {
    if (peek() === "(") {
      i++;
      const inner = disjunction();
      expect(")");
      return inner;
    }
    const field = next();
    let op = next().toUpperCase();
    if (op === "NOT" && peek() === "IN") op = (next(), "NOT IN");
    if (op === "IN" || op === "NOT IN") {
      expect("(");
      const values: Literal[] = [];
      while (peek() !== ")") {
        if (peek() === ",") i++;
        else values.push(literal());
      }
      expect(")");
      return { kind: "cmp", field, op, value: values };
    }
    return { kind: "cmp", field, op, value: literal() };
  };
  const conjunction = (): Condition => {
    let left = comparison();
    while (peek() === "AND") {
      i++;
      left = { kind: "and", left, right: comparison() };
    }
    return left;
  };
  const disjunction = (): Condition => {
    let left = conjunction();
    while (peek() === "OR") {
      i++;
      left = { kind: "or", left, right: conjunction() };
    }
    return left;
  };
  const query: SoqlQuery = { fields, from };
  if (peek() === "WHERE") {
    i++;
    query.where = disjunction();
  }
  if (peek() === "ORDER") {
    i++;
    expect("BY");
    const field = next();
    const dir = peek();
    if (dir === "ASC" || dir === "DESC") i++;
    query.orderBy = { field, descending: dir === "DESC" };
  }
  if (peek() === "LIMIT") {
    i++;
    query.limit = Number(next());
  }
  if (i < tokens.length) throw new SoqlError(`unexpected token '${tokens[i]}'`);
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
