import { type Db, getDb } from '@/db';
import type { CurrentUser } from './current-user';
import { requireAdmin, requireUser } from './session';

/**
 * The data access layer of the web pages. Next renders a page in parallel with its layouts (and
 * skips the layouts the client says it already has), so a layout's redirect does not keep a
 * page's data out of the RSC payload. Page data therefore comes only from functions made here:
 * each asks who is signed in before it opens the database, and hands the load the handle and the
 * user. Pages never call getDb() themselves; lib/auth/page-guards.test.ts holds them to it.
 */

export interface Viewer {
  db: Db;
  user: CurrentUser;
}

export type PageGuard = 'user' | 'admin';

const GUARD = Symbol.for('approval-portal.page-data-guard');

type Load<A extends unknown[], R> = (viewer: Viewer, ...args: A) => Promise<R>;
export type PageData<A extends unknown[], R> = ((...args: A) => Promise<R>) & { [GUARD]: PageGuard };

function guarded<A extends unknown[], R>(
  guard: PageGuard,
  require: () => Promise<CurrentUser>,
  load: Load<A, R>,
): PageData<A, R> {
  const run = async (...args: A): Promise<R> => {
    // The guard comes first and redirects (throws) for the wrong visitor: nothing is read before it.
    const user = await require();
    return load({ db: await getDb(), user }, ...args);
  };
  return Object.assign(run, { [GUARD]: guard });
}

/** Page data for any signed-in user; anonymous visitors are sent to the sign-in page. */
export const forUser = <A extends unknown[], R>(load: Load<A, R>) => guarded('user', requireUser, load);

/** Page data for admins only; others get the 403 page, anonymous visitors the sign-in page. */
export const forAdmin = <A extends unknown[], R>(load: Load<A, R>) => guarded('admin', requireAdmin, load);

/** Which guard a page-data function runs, or undefined when it was not made by forUser/forAdmin. */
export function guardOf(value: unknown): PageGuard | undefined {
  return typeof value === 'function' ? (value as { [GUARD]?: PageGuard })[GUARD] : undefined;
}
