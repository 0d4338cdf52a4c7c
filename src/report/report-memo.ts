import type { ColumnTable } from "arquero";

// Each report variant (scenario × language) rebuilds its sections; what they compute depends on data and seeds
// only, so it is computed once per distinct data and shared.
const cache = new Map<string, Map<string, unknown>>();

/**
 * The value `make` returns for (owner, key), computed on first use and kept for the process.
 *
 * @param owner the data the value depends on (see `tablesKey`)
 * @param key what is computed from it, with any options that change the value
 * @param make computes the value
 * @returns the cached value
 */
export function memo<T>(owner: string, key: string, make: () => T): T {
  let m = cache.get(owner);
  if (!m) cache.set(owner, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/**
 * A key for tables by content, not identity: scenarios may hand over new table objects with the same content.
 * Shape and a position-weighted sum of the numbers (a change in a number or its row changes the key).
 *
 * @param tables the tables a computation reads (undefined for an optional table that is absent)
 * @returns a string key
 */
export function tablesKey(tables: readonly (ColumnTable | undefined)[]): string {
  const parts: (string | number)[] = [];
  for (const t of tables) {
    if (!t) {
      parts.push("-");
      continue;
    }
    let sum = 0;
    for (const name of t.columnNames()) {
      const values = t.array(name) as ArrayLike<unknown>;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v === "number" && Number.isFinite(v)) sum += v * ((i % 7) + 1);
      }
    }
    parts.push(`${t.numRows()}x${t.numCols()}:${sum}`);
  }
  return parts.join("|");
}
