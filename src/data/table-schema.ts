/** Types of values a column may hold once validated. Dates are kept as ISO `YYYY-MM-DD` strings. */
export type ColumnType = "string" | "number" | "integer" | "date" | "boolean";

/** One column of a dataset kind: what it holds, in which unit, and what values are allowed. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  description?: string;
  /** Unit as shown to users, e.g. "万元", "share 0–1", "m²". */
  unit?: string;
  /** An empty cell is an error. */
  required?: boolean;
  /** The column itself may be absent from a file. */
  optional?: boolean;
  /** Values below are errors (e.g. negative money). */
  minimum?: number;
  /** Values above are errors. */
  maximum?: number;
  /** Values above are accepted with a warning (progress rates above 100% when a county over-delivers). */
  warnAbove?: number;
  enum?: readonly string[];
  /** Header names also accepted for this column, e.g. the Chinese 开工率 used in 双月报 sheets. */
  aliases?: readonly string[];
}

/** A dataset kind: its columns, its key and the order its rows must keep. */
export interface TableSchema {
  kind: string;
  title: string;
  /** Chinese title shown by default to users. */
  titleZh?: string;
  columns: readonly ColumnSpec[];
  /** Columns whose combination must be unique (duplicated county–date rows are errors). */
  primaryKey?: readonly string[];
  /** Rows must have increasing `by` within each group of `within` (report dates in order). */
  ordered?: { by: string; within: readonly string[] };
}

/** A Frictionless Data Package field, as written in `datasets/ * /datapackage.json`. */
export interface DataPackageField {
  name: string;
  type: string;
  description?: string;
  unit?: string;
  constraints?: { required?: boolean; minimum?: number; maximum?: number; enum?: string[] };
  warnAbove?: number;
}

/** A Frictionless Data Package resource with gaibo's provenance extensions. */
export interface DataPackageResource {
  name: string;
  path: string;
  title?: string;
  description?: string;
  provenance?: "seed" | "real" | "synthetic";
  sources?: unknown[];
  schema: { fields: DataPackageField[]; primaryKey?: string[] | string };
}

/** A Frictionless Data Package: the data dictionary and the validation schema in one file. */
export interface DataPackage {
  name: string;
  title?: string;
  description?: string;
  resources: DataPackageResource[];
}

const FRICTIONLESS_TYPES: Record<string, ColumnType> = {
  string: "string",
  number: "number",
  integer: "integer",
  date: "date",
  boolean: "boolean",
  year: "integer",
};

/**
 * Turn a data-package resource into the schema the loader validates against, so the dictionary
 * in `datapackage.json` is the one definition of every bundled file.
 *
 * @throws Error when a field has a type the loader does not know
 */
export function schemaFromResource(resource: DataPackageResource): TableSchema {
  const columns = resource.schema.fields.map((f): ColumnSpec => {
    const type = FRICTIONLESS_TYPES[f.type];
    if (!type) throw new Error(`schemaFromResource: field ${f.name} of ${resource.name} has unknown type ${f.type}`);
    return {
      name: f.name,
      type,
      description: f.description,
      unit: f.unit,
      required: f.constraints?.required ?? false,
      minimum: f.constraints?.minimum,
      maximum: f.constraints?.maximum,
      enum: f.constraints?.enum,
      warnAbove: f.warnAbove,
    };
  });
  const pk = resource.schema.primaryKey;
  return {
    kind: resource.name,
    title: resource.title ?? resource.name,
    columns,
    primaryKey: pk === undefined ? undefined : Array.isArray(pk) ? pk : [pk],
  };
}

/**
 * Describe a schema as a data-package resource, so generated datasets ship their own dictionary.
 *
 * @param schema the schema the files were validated against
 * @param resource name, path and provenance of the file
 */
export function resourceFromSchema(
  schema: TableSchema,
  resource: Omit<DataPackageResource, "schema">,
): DataPackageResource {
  return {
    ...resource,
    schema: {
      fields: schema.columns.map((c) => {
        const constraints: NonNullable<DataPackageField["constraints"]> = {};
        if (c.required) constraints.required = true;
        if (c.minimum !== undefined) constraints.minimum = c.minimum;
        if (c.maximum !== undefined) constraints.maximum = c.maximum;
        if (c.enum) constraints.enum = [...c.enum];
        const f: DataPackageField = { name: c.name, type: c.type, description: c.description };
        if (c.unit) f.unit = c.unit;
        if (Object.keys(constraints).length) f.constraints = constraints;
        if (c.warnAbove !== undefined) f.warnAbove = c.warnAbove;
        return f;
      }),
      ...(schema.primaryKey ? { primaryKey: [...schema.primaryKey] } : {}),
    },
  };
}
