import { z } from 'zod';
import type { Db } from '@/db';
import {
  checkPendingApprovals,
  checkSingleApprovalStatus,
  getRegisteredHandlers,
  retryFailedAction,
  withdrawApproval,
} from '@/lib/approval';
import { findActionById } from '@/lib/approval/store';
import { getApprovalWithTimeline } from '@/lib/approval-log/queries';
import type { CurrentUser } from '@/lib/auth/current-user';
import { approvalLogger, logger } from '@/lib/observability/logger';
import { getApprovalForUser, pendingActionIdSchema } from './approvals';
import { requireAdmin } from './auth';
import { parseInput } from './errors';

/** The REST calls that change something: each checks the caller's right first, then asks the engine. */

export async function refreshApproval(db: Db, user: CurrentUser, rawApInfId: string) {
  const { approval } = await getApprovalForUser(db, user, rawApInfId);
  const log = approvalLogger(approval.apInfId, 'rest-api');
  const check = await checkSingleApprovalStatus(approval.apInfId);
  log.info(
    { userId: user.id, knoxStatus: check.knoxStatus, actionStatus: check.actionStatus },
    'refreshed from Knox',
  );
  return { check, ...(await getApprovalWithTimeline(db, approval.apInfId))! };
}

export const cancelBodySchema = z
  .object({
    opinion: z
      .string({ message: '상신취소 의견(opinion)이 필요합니다' })
      .trim()
      .min(1, { message: '상신취소 의견(opinion)을 입력하세요' })
      .max(1000, { message: '의견은 1000자까지 쓸 수 있습니다' }),
  })
  .strict();

export async function cancelApproval(db: Db, user: CurrentUser, rawApInfId: string, body: unknown) {
  const { opinion } = parseInput(cancelBodySchema, body, '요청 본문');
  const { approval } = await getApprovalForUser(db, user, rawApInfId);
  const log = approvalLogger(approval.apInfId, 'rest-api');
  log.info({ userId: user.id }, 'withdraw requested');
  await withdrawApproval(approval.apInfId, opinion, { id: user.id });
  log.info({ userId: user.id }, 'withdrawn in Knox');
  return (await getApprovalWithTimeline(db, approval.apInfId))!;
}

export async function retryPendingAction(db: Db, user: CurrentUser, rawId: string) {
  requireAdmin(user);
  const id = parseInput(pendingActionIdSchema, rawId, '액션 ID');
  const outcome = await retryFailedAction(id, { id: user.id });
  approvalLogger(outcome.apInfId, 'rest-api').info(
    { userId: user.id, pendingActionId: id, status: outcome.status },
    'retry requested by admin',
  );
  return { outcome, action: (await findActionById(db, id)) ?? null };
}

export async function listHandlers(user: CurrentUser) {
  requireAdmin(user);
  return { handlers: getRegisteredHandlers() };
}

export async function pollNow(user: CurrentUser) {
  requireAdmin(user);
  const summary = await checkPendingApprovals();
  logger().info({ userId: user.id, ...summary }, 'poll cycle run from the REST API');
  return summary;
}
