import { listNotificationsForUser } from '@/lib/api/notifications';
import { apiRoute, queryOf } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** The caller's own notifications (API token or session), newest first, and how many are unread. */
export const GET = apiRoute(({ db, user, request }) => listNotificationsForUser(db, user, queryOf(request)), {
  session: true,
});
