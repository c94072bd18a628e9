import { markNotificationsRead, markReadBodySchema } from '@/lib/api/notifications';
import { apiRoute, jsonBody } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Marks the caller's own notifications read: `{ ids }`, or all of them when `ids` is absent. */
export const POST = apiRoute(
  async ({ db, user, request }) =>
    markNotificationsRead(db, user, await jsonBody(request, markReadBodySchema)),
  { session: true },
);
