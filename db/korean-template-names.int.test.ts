/**
 * The migration that gives the seeded templates Korean names: a database seeded by an earlier
 * version keeps its template (id, edits, versions) under the name the code now looks up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INVESTIGATION_DOCUMENT } from '@/lib/vendor-investigation/document';

const dir = path.join(import.meta.dirname, 'migrations');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.sql'))
  .sort();
// Found by its name, not its number: parallel branches renumber migrations when they merge.
const TARGET = files.find((name) => name.endsWith('_korean_template_names.sql'))!;

async function apply(db: PGlite, file: string) {
  for (const statement of readFileSync(path.join(dir, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) await db.exec(statement);
  }
}

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  for (const file of files.slice(0, files.indexOf(TARGET))) await apply(db, file);
});
afterAll(async () => {
  await db?.close();
});

it('renames the old English-named template in place, keeping its content and versions', async () => {
  await db.exec(`
    insert into approval_templates (id, name, content, version) values (7, 'Vendor 실사의뢰', '<p>수정본</p>', 3);
    insert into approval_template_versions (template_id, version, content) values (7, 3, '<p>수정본</p>');`);
  await apply(db, TARGET);

  const { rows } = await db.query<{ id: number; name: string; content: string; version: number }>(
    'select id, name, content, version from approval_templates',
  );
  expect(rows).toEqual([
    { id: 7, name: INVESTIGATION_DOCUMENT.templateName, content: '<p>수정본</p>', version: 3 },
  ]);
  expect(INVESTIGATION_DOCUMENT.templateName).toBe('PQ 실사의뢰');
  const versions = await db.query('select 1 from approval_template_versions where template_id = 7');
  expect(versions.rows).toHaveLength(1);
});
