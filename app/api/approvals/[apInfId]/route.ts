import { getApprovalForUser } from '@/lib/api/approvals';
import { apiRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Document, Knox status, action and event timeline: for the requester or an admin. */
export const GET = apiRoute<{ apInfId: string }>(({ db, user, params }) =>
  getApprovalForUser(db, user, params.apInfId),
);
