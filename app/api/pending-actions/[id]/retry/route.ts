import { retryPendingAction } from '@/lib/api/operations';
import { apiRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Admin: runs a failed action's handler again (exactly once on success). */
export const POST = apiRoute<{ id: string }>(({ db, user, params }) =>
  retryPendingAction(db, user, params.id),
);
