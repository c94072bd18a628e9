import { refreshApproval } from '@/lib/api/operations';
import { apiRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Asks Knox now and processes the answer (requester or admin). */
export const POST = apiRoute<{ apInfId: string }>(({ db, user, params }) =>
  refreshApproval(db, user, params.apInfId),
);
