import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { approvalLogs, pendingActions } from '@/db/schema';
import { errorResponse } from '@/lib/api/errors';
import { decisionOutcomeOf } from '@/lib/approval';
import { permissions } from '@/lib/auth/permissions';
import { sessionUserOf } from '@/lib/auth/session';
import { logger } from '@/lib/observability/logger';
import type { Viewer } from './events';
import { liveHub } from './source';
import { liveStreamResponse } from './stream';

const AP_INF_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * What opening this document's page means for the live poll: `forbidden` unless the viewer is its
 * requester or an admin (or it does not exist); `watch` while a decision can still come;
 * `settled` once it is final — nothing is left for Knox to tell, so it is not asked every round.
 */
async function watchOf(viewer: Viewer, apInfId: string): Promise<'forbidden' | 'watch' | 'settled'> {
  const db = await getDb();
  const [row] = await db
    .select({ requesterId: approvalLogs.requesterId, action: pendingActions })
    .from(approvalLogs)
    .leftJoin(pendingActions, eq(pendingActions.apInfId, approvalLogs.apInfId))
    .where(eq(approvalLogs.apInfId, apInfId))
    .limit(1);
  if (!row || !permissions.manageApproval(viewer, row.requesterId)) return 'forbidden';
  return row.action && decisionOutcomeOf(row.action) === null ? 'watch' : 'settled';
}

/**
 * GET /api/live[?watch=<apInfId>]: the signed-in browser's stream of the engine's changes it may
 * see. The session is checked here, not trusted from a page; `watch` must be a document the
 * viewer may see, or nothing is opened.
 */
export async function liveRoute(request: Request): Promise<Response> {
  try {
    const user = await sessionUserOf(request.headers);
    if (!user) return errorResponse(401, 'UNAUTHORIZED', '로그인이 필요합니다');
    const url = new URL(request.url);
    const watch = url.searchParams.get('watch') ?? undefined;
    if (watch !== undefined && !AP_INF_ID.test(watch)) {
      return errorResponse(400, 'INVALID_INPUT', 'watch: 결재 ID 형식이 올바르지 않습니다');
    }
    const access = watch === undefined ? 'settled' : await watchOf(user, watch);
    if (access === 'forbidden') {
      return errorResponse(404, 'NOT_FOUND', `결재 문서를 찾을 수 없습니다: ${watch}`);
    }
    const hub = await liveHub();
    const response = liveStreamResponse(hub, user, {
      watch: access === 'watch' ? watch : undefined,
      // The header on EventSource's own reconnects; the query when the page opens a stream anew.
      lastEventId: request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
      signal: request.signal,
    });
    return (
      response ??
      errorResponse(
        429,
        'TOO_MANY_STREAMS',
        '열린 실시간 연결이 너무 많습니다. 다른 탭을 닫고 다시 시도해 주세요',
      )
    );
  } catch (error) {
    logger().error({ err: error }, 'unexpected error opening a live stream');
    return errorResponse(503, 'UNAVAILABLE', '잠시 후 다시 시도해 주세요');
  }
}
