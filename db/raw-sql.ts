/** Helpers for raw SQL run with `db.execute`, the same on PGlite and on PostgreSQL. */

/** The rows of a `db.execute` result: postgres.js returns the rows array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A PostgreSQL array literal for `${pgArrayLiteral(ids)}::text[]` (or `::int[]`): any number of
 * values in ONE parameter, which `= any(...)` turns into an index scan. (drizzle's sql template
 * would expand a JS array into one parameter per value; a jsonb list joined as rows is planned
 * with an unknown row count and, against a large table, a sequential scan for every batch.)
 */
export function pgArrayLiteral(values: readonly (string | number)[]): string {
  const elements = values.map((value) =>
    typeof value === 'number' ? String(value) : `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`,
  );
  return `{${elements.join(',')}}`;
}
