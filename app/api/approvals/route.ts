import { listApprovalsForUser } from '@/lib/api/approvals';
import { apiRoute, queryOf } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Approvals with their action status: one's own, or everyone's for an admin. */
export const GET = apiRoute(({ db, user, request }) => listApprovalsForUser(db, user, queryOf(request)));
