import { FieldDef, OBJECTS, ObjectDef } from "./objects";

const urlsOf = (def: ObjectDef, version: string) => {
  const base = `/services/data/${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
};

/** One object's entry in the global describe. */
export function describeSummary(def: ObjectDef, version: string) {
  return {
    name: def.name,
    label: def.label,
    keyPrefix: def.keyPrefix,
    custom: false,
    createable: def.create,
    updateable: def.update,
    deletable: def.delete,
    queryable: true,
    retrieveable: true,
    urls: urlsOf(def, version),
  };
}

function describeField(field: FieldDef) {
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    length: field.length ?? 0,
    custom: field.custom ?? false,
    nillable: !field.required && field.type !== "boolean" && field.name !== "Id",
    createable: field.createable,
    updateable: field.updateable,
    defaultedOnCreate: field.defaultValue !== undefined || field.name === "Id",
    defaultValue: field.defaultValue ?? null,
    restrictedPicklist: field.restricted ?? false,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.type === "reference" ? field.name.replace(/Id$/, "") : null,
    picklistValues: (field.picklist ?? []).map((value) => ({
      active: true,
      defaultValue: value === field.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
  };
}

/** `GET /sobjects/<Type>/describe`: fields with types, writability and picklist values. */
export function describeObject(def: ObjectDef, version: string) {
  return {
    ...describeSummary(def, version),
    fields: def.fields.map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
  };
}

export function describeGlobal(version: string) {
  return {
    encoding: "UTF-8",
    maxBatchSize: 200,
    sobjects: [...OBJECTS.values()].map((def) => describeSummary(def, version)),
  };
}
