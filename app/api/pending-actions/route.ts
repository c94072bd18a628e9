import { listPendingActionsForAdmin } from '@/lib/api/approvals';
import { requireAdmin } from '@/lib/api/auth';
import { apiRoute, queryOf } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Admin: actions (e.g. `?status=failed`) with their error message. */
export const GET = apiRoute(({ db, user, request }) => {
  requireAdmin(user);
  return listPendingActionsForAdmin(db, queryOf(request));
});
