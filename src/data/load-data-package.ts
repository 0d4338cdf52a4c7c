import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ColumnTable } from "arquero";
import { DataValidationError, cannotReadMessage } from "../shared/errors.js";
import { parseCsv } from "./parse-csv.js";
import { schemaFromResource, type DataPackage, type DataPackageResource } from "./table-schema.js";
import { validateSheet } from "./validate-sheet.js";
import type { DataIssue } from "../shared/errors.js";

/** One bundled table with its dictionary entry. */
export interface PackagedTable {
  table: ColumnTable;
  resource: DataPackageResource;
  warnings: DataIssue[];
}

/**
 * Load every table of a data package folder (`datasets/seeds`, `datasets/real`, `datasets/synthetic`),
 * validating each CSV against the fields its `datapackage.json` declares, so the dictionary and the
 * files cannot drift apart unnoticed.
 *
 * @param dir folder holding datapackage.json
 * @returns tables by resource name, and the package itself
 * @throws DataValidationError naming file, row and column for any file that breaks its declared schema
 */
export async function loadDataPackage(dir: string): Promise<{ pkg: DataPackage; tables: Record<string, PackagedTable> }> {
  const pkgFile = path.join(dir, "datapackage.json");
  let pkg: DataPackage;
  try {
    pkg = JSON.parse(await readFile(pkgFile, "utf8")) as DataPackage;
  } catch (err) {
    const detail = (err as Error).message;
    throw new DataValidationError([{ severity: "error", file: pkgFile, message: `cannot be read as JSON (${detail})`, messageZh: `无法作为 JSON 读取（${detail}）` }]);
  }
  const tables: Record<string, PackagedTable> = {};
  const issues: DataIssue[] = [];
  for (const resource of pkg.resources) {
    const file = path.join(dir, resource.path);
    try {
      const schema = schemaFromResource(resource);
      const raw = parseCsv(await readFile(file, "utf8"), path.relative(path.dirname(dir), file), { schemas: [schema], delimiter: "," });
      const declared = new Set(resource.schema.fields.map((f) => f.name));
      for (const h of raw.header) {
        if (!declared.has(h)) {
          issues.push({ severity: "error", file: resource.path, row: 1, column: h, message: "is not declared in datapackage.json", messageZh: "未在 datapackage.json 中声明" });
        }
      }
      const { table, warnings } = validateSheet(raw, schema, { officeReading: false });
      tables[resource.name] = { table, resource, warnings };
    } catch (err) {
      if (err instanceof DataValidationError) issues.push(...err.issues);
      else {
        const { message } = err as Error;
        const messageZh = (err as NodeJS.ErrnoException).code ? cannotReadMessage(err).messageZh : `无法载入：${message}`;
        issues.push({ severity: "error", file: resource.path, message, messageZh });
      }
    }
  }
  if (issues.some((i) => i.severity === "error")) throw new DataValidationError(issues, `${dir}: bundled data does not match its datapackage.json`);
  return { pkg, tables };
}
