import { cancelApproval, cancelBodySchema } from '@/lib/api/operations';
import { apiRoute, jsonBody } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** 상신취소 in Knox, then compensation (requester or admin). Body: `{ "opinion": "…" }`. */
export const POST = apiRoute<{ apInfId: string }>(async ({ db, user, params, request }) =>
  cancelApproval(db, user, params.apInfId, await jsonBody(request, cancelBodySchema)),
);
