import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { pgArrayLiteral, rowsOf } from './raw-sql';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 1 });
});
afterAll(async () => {
  await database?.destroy();
});

describe('raw SQL helpers', () => {
  it('round-trips text with quotes, backslashes, commas, braces, blanks and NULL-like words', async () => {
    const values = ['AP1', 'a"b', 'c\\d', 'e,f', '{g}', ' h ', '', 'NULL', '한글'];
    const [row] = rowsOf<{ values: string[] }>(
      await database.db.execute(sql`select ${pgArrayLiteral(values)}::text[] as values`),
    );
    expect(row!.values).toEqual(values);
  });

  it('makes int arrays and empty arrays', async () => {
    const [row] = rowsOf<{ ints: number[]; empty: string[] }>(
      await database.db.execute(
        sql`select ${pgArrayLiteral([1, 22, 333])}::int[] as ints, ${pgArrayLiteral([])}::text[] as empty`,
      ),
    );
    expect(row).toEqual({ ints: [1, 22, 333], empty: [] });
  });
});
