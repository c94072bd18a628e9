import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { getAuth } from './auth';
import { type CurrentUser, toCurrentUser } from './current-user';
import { permissions } from './permissions';
import { currentSignInPath } from './sign-in-path';

/**
 * The person whose session cookie these request headers carry, or null. Role and EP ID are read
 * from the users row, not the session cookie, so an admin's change takes effect on the next request.
 */
export async function sessionUserOf(requestHeaders: Headers): Promise<CurrentUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, session.user.id)).limit(1);
  return row ? toCurrentUser(row) : null;
}

/** The person signed in to this browser request, or null; asked once per render. */
export const getSessionUser = cache(async (): Promise<CurrentUser | null> => sessionUserOf(await headers()));

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getSessionUser();
  if (!user) redirect(await currentSignInPath());
  return user;
}

/** For admin pages: non-admins get the 403 page, anonymous visitors the sign-in page. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (!permissions.administer(user)) redirect('/forbidden');
  return user;
}
