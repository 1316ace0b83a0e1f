import { FieldDef, fieldDef, objectDef } from "./objects";
import { SfFault } from "./fault";
import { parseSoql } from "./soql";

const APEX_TYPES: Record<string, string> = {
  id: "Id",
  boolean: "Boolean",
  int: "Integer",
  date: "Date",
  datetime: "Datetime",
  reference: "Id",
  base64: "Blob",
};

const column = (name: string, field: FieldDef | undefined, joinColumns: unknown[] = []) => ({
  aggregate: false,
  apexType: joinColumns.length ? null : (APEX_TYPES[field?.type ?? ""] ?? "String"),
  booleanType: field?.type === "boolean",
  columnName: name,
  custom: !!field?.custom,
  displayName: name,
  foreignKeyName: null,
  insertable: !!field?.createable,
  joinColumns,
  numberType: field?.type === "int",
  textType: !joinColumns.length && !["boolean", "int", "date", "datetime"].includes(field?.type ?? ""),
  updatable: !!field?.updateable,
});

/**
 * `GET /query?q=...&columns=true`: the query's column metadata instead of its rows, as the sf CLI's
 * `data query` reads it (Salesforce REST "Query" resource, `columns` parameter).
 */
export function queryColumns(soql: string) {
  const query = parseSoql(soql);
  const def = objectDef(query.from);
  if (!def) throw new SfFault(400, "INVALID_TYPE", `sObject type '${query.from}' is not supported.`);
  const columnMetadata = query.fields.map((path) => {
    const [head, ...rest] = path.split(".");
    if (!rest.length) return column(fieldDef(def, head)?.name ?? head, fieldDef(def, head));
    const target = objectDef(fieldDef(def, `${head}Id`)?.referenceTo?.[0] ?? "");
    const leaf = target ? fieldDef(target, rest.join(".")) : undefined;
    return column(head, undefined, [column(rest.join("."), leaf)]);
  });
  return {
    columnMetadata,
    entityName: def.name,
    groupBy: false,
    idSelected: query.fields.some((f) => f.toLowerCase() === "id"),
    keyPrefix: def.keyPrefix,
  };
}
