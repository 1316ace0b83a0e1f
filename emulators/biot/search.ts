import { BiotFailure } from "./errors";

/** One FilterV2: conditions on a field, ANDed together. */
export interface FilterV2 {
  eq?: unknown;
  not?: unknown;
  in?: string[];
  notIn?: string[];
  like?: string;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  from?: string;
  to?: string;
  isNull?: boolean;
  isNotNull?: boolean;
  filter?: Record<string, FilterV2>;
}

export interface SearchRequest {
  filter?: Record<string, FilterV2>;
  sort?: { prop: string; order?: "ASC" | "DESC" }[];
  freeTextSearch?: string;
  limit?: number;
  page?: number;
}

/** How a searched entity exposes its fields: a value per field name, and which fields are dates. */
export interface Searchable<T> {
  value(item: T, field: string): unknown;
  filterable(field: string): boolean;
  sortable(field: string): boolean;
  textFields(item: T): unknown[];
  dateFields: string[];
}

const bad = (message: string) => new BiotFailure(400, "BAD_REQUEST", message);

export function parseSearchRequest(raw: unknown): SearchRequest {
  if (raw === undefined || raw === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    throw bad("searchRequest is not valid JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw bad("searchRequest must be an object");
  const req = parsed as SearchRequest;
  if (req.limit !== undefined && (!Number.isInteger(req.limit) || req.limit < 1))
    throw bad("limit must be >= 1");
  if (req.page !== undefined && (!Number.isInteger(req.page) || req.page < 0)) throw bad("page must be >= 0");
  if (req.sort !== undefined && !Array.isArray(req.sort)) throw bad("sort must be an array");
  for (const order of req.sort ?? []) {
    if (typeof order?.prop !== "string") throw bad("sort.prop is required");
    if (order.order !== undefined && order.order !== "ASC" && order.order !== "DESC")
      throw bad("sort.order must be ASC or DESC");
  }
  return req;
}

const str = (v: unknown) => (v === null || v === undefined ? v : String(v));
const num = (v: unknown) => (typeof v === "number" ? v : Number.NaN);

function matchesCondition(value: unknown, f: FilterV2, dateField: boolean): boolean {
  const isNull = value === undefined || value === null;
  if (f.eq !== undefined && (isNull || str(value) !== str(f.eq))) return false;
  if (f.not !== undefined && !isNull && str(value) === str(f.not)) return false;
  if (f.in !== undefined && (isNull || !f.in.map(String).includes(String(value)))) return false;
  if (f.notIn !== undefined && !isNull && f.notIn.map(String).includes(String(value))) return false;
  if (f.like !== undefined && (isNull || !String(value).toLowerCase().includes(f.like.toLowerCase())))
    return false;
  if (f.lt !== undefined && !(num(value) < f.lt)) return false;
  if (f.lte !== undefined && !(num(value) <= f.lte)) return false;
  if (f.gt !== undefined && !(num(value) > f.gt)) return false;
  if (f.gte !== undefined && !(num(value) >= f.gte)) return false;
  if (dateField && f.from !== undefined && (isNull || Date.parse(String(value)) < Date.parse(f.from)))
    return false;
  if (dateField && f.to !== undefined && (isNull || Date.parse(String(value)) > Date.parse(f.to)))
    return false;
  if (f.isNull === true && !isNull) return false;
  if (f.isNotNull === true && isNull) return false;
  return true;
}

function matches<T>(item: T, filter: Record<string, FilterV2>, s: Searchable<T>): boolean {
  return Object.entries(filter).every(([field, f]) => {
    if (field === "$AND" || field === "$OR" || field === "$NOT") {
      const nested = f?.filter;
      if (!nested || typeof nested !== "object") throw bad(`${field} needs a nested filter`);
      const parts = Object.entries(nested).map(([k, v]) => matches(item, { [k]: v }, s));
      if (field === "$AND") return parts.every(Boolean);
      if (field === "$OR") return parts.some(Boolean);
      return !parts.every(Boolean);
    }
    if (!s.filterable(field)) throw bad(`Field [${field}] cannot be filtered`);
    if (!f || typeof f !== "object") throw bad(`Filter of [${field}] must be an object`);
    return matchesCondition(s.value(item, field), f, s.dateFields.includes(field));
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

const DEFAULT_SORT = [{ prop: "_creationTime", order: "DESC" as const }];

/** Filters, free-text searches, sorts and pages items as BioT's search APIs do. */
export function search<T>(items: T[], req: SearchRequest, s: Searchable<T>) {
  const filter = req.filter ?? {};
  const terms = (req.freeTextSearch ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const sort = req.sort?.length ? req.sort : DEFAULT_SORT;
  for (const order of sort) if (!s.sortable(order.prop)) throw bad(`Field [${order.prop}] cannot be sorted`);
  const found = items
    .filter((item) => matches(item, filter, s))
    .filter(
      (item) =>
        terms.length === 0 ||
        s
          .textFields(item)
          .some(
            (v) => v !== null && v !== undefined && terms.some((t) => String(v).toLowerCase().includes(t)),
          ),
    )
    .sort((x, y) => {
      for (const { prop, order } of sort) {
        const c = compare(s.value(x, prop), s.value(y, prop));
        if (c !== 0) return order === "ASC" ? c : -c;
      }
      return 0;
    });
  const limit = req.limit ?? 100;
  const page = req.page ?? 0;
  return {
    data: found.slice(page * limit, page * limit + limit),
    metadata: {
      sort: sort.map(({ prop, order }) => ({ prop, order: order ?? "DESC" })),
      filter,
      page: { totalResults: found.length, page, limit },
      ...(req.freeTextSearch !== undefined ? { freeTextSearch: req.freeTextSearch } : {}),
    },
  };
}
