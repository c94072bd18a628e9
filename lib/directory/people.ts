import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { users } from '@/db/schema';

/** QM (품질경영팀): its 팀장 agrees to investigations, its staff are the assignable investigators. */
export const QM_DEPARTMENT = '품질경영팀';

const personColumns = {
  id: users.id,
  name: users.name,
  epId: users.epId,
  department: users.department,
  title: users.title,
  managerId: users.managerId,
};

/** A person of the directory: department, title and whom they report to. */
export interface DirectoryPerson {
  id: string;
  name: string;
  epId: string | null;
  department: string | null;
  title: string | null;
  managerId: string | null;
}

/**
 * The part of the directory a line for `requesterId` can reach: the requester, the manager chain
 * two levels up and the holders of the given department titles.
 */
export async function directoryAround(
  db: Db | Tx,
  requesterId: string,
  departmentTitles: ReadonlyArray<{ department: string; title: string }>,
): Promise<DirectoryPerson[]> {
  const found = new Map<string, DirectoryPerson>();
  let ids = [requesterId];
  for (let level = 0; level < 3 && ids.length > 0; level++) {
    const rows = await db.select(personColumns).from(users).where(inArray(users.id, ids));
    for (const row of rows) found.set(row.id, row);
    ids = rows.flatMap((row) => (row.managerId && !found.has(row.managerId) ? [row.managerId] : []));
  }
  if (departmentTitles.length > 0) {
    const holders = await db
      .select(personColumns)
      .from(users)
      .where(
        or(
          ...departmentTitles.map((position) =>
            and(eq(users.department, position.department), eq(users.title, position.title)),
          ),
        ),
      );
    for (const row of holders) found.set(row.id, row);
  }
  return [...found.values()];
}

/** The people of a department who have an EP ID, by name. */
export async function departmentStaff(db: Db | Tx, department: string): Promise<DirectoryPerson[]> {
  return db
    .select(personColumns)
    .from(users)
    .where(and(eq(users.department, department), isNotNull(users.epId)))
    .orderBy(asc(users.name));
}

export async function directoryPerson(db: Db | Tx, id: string): Promise<DirectoryPerson | undefined> {
  const [row] = await db.select(personColumns).from(users).where(eq(users.id, id));
  return row;
}
