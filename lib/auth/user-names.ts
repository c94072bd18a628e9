import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { users } from '@/db/schema';

/** Display names for a set of user ids (audit trails show people, not ids). */
export async function getUserNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Name, title and department of the people with these EP IDs (approval lines show people). */
export async function getPeopleByEpId(
  db: Db | Tx,
  epIds: readonly string[],
): Promise<Map<string, { name: string; title: string | null; department: string | null }>> {
  const unique = [...new Set(epIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ epId: users.epId, name: users.name, title: users.title, department: users.department })
    .from(users)
    .where(inArray(users.epId, unique));
  return new Map(rows.map(({ epId, ...person }) => [epId!, person]));
}
