import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { approvalLogs } from '@/db/schema';
import { errorResponse } from '@/lib/api/errors';
import { permissions } from '@/lib/auth/permissions';
import { sessionUserOf } from '@/lib/auth/session';
import { logger } from '@/lib/observability/logger';
import type { Viewer } from './events';
import { liveHub } from './source';
import { liveStreamResponse } from './stream';

const AP_INF_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Whether the viewer may have this document open: its requester, or an admin. */
async function mayWatch(viewer: Viewer, apInfId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ requesterId: approvalLogs.requesterId })
    .from(approvalLogs)
    .where(eq(approvalLogs.apInfId, apInfId))
    .limit(1);
  return row !== undefined && permissions.manageApproval(viewer, row.requesterId);
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
    if (watch !== undefined && !(await mayWatch(user, watch))) {
      return errorResponse(404, 'NOT_FOUND', `결재 문서를 찾을 수 없습니다: ${watch}`);
    }
    const hub = await liveHub();
    const response = liveStreamResponse(hub, user, {
      watch,
      lastEventId: request.headers.get('last-event-id'),
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
