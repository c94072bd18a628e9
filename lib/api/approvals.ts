import { z } from 'zod';
import type { Db } from '@/db';
import { PENDING_ACTION_STATUSES } from '@/db/schema';
import {
  type ApprovalDetail,
  getApprovalWithTimeline,
  listApprovals,
  listPendingActions,
  MAX_PAGE_SIZE,
} from '@/lib/approval-log/queries';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import { KNOX_STATUS_CODES } from '@/lib/knox-api/approval/codes';
import { forbidden, notFound, parseInput } from './errors';

/** `?key=` with nothing after it means "not given", the way people type query strings. */
const withoutEmpty = (query: Record<string, string>) =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value.trim() !== ''));

const pagination = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
};

const booleanParam = z.enum(['true', 'false', '1', '0'], { message: 'true 또는 false여야 합니다' });

/**
 * `status` is a Knox status code (-2..6) or an action status name (`failed`, `executed`, …), so
 * `?status=failed` finds documents whose action failed.
 */
const statusSchema = z.union(
  [
    // Digits only: Number() would also read ' 1', '\n1' or '1e0' as 1.
    z
      .string()
      .regex(/^-?\d$/)
      .transform(Number)
      .refine((code) => (KNOX_STATUS_CODES as readonly number[]).includes(code)),
    z.enum(PENDING_ACTION_STATUSES),
  ],
  {
    message: `Knox 상태 코드(${KNOX_STATUS_CODES.join(', ')}) 또는 액션 상태(${PENDING_ACTION_STATUSES.join(', ')})여야 합니다`,
  },
);

const listQuerySchema = z
  .object({
    status: statusSchema.optional(),
    mine: booleanParam.optional(),
    search: z.string().max(200).optional(),
    ...pagination,
  })
  .strict();

export const apInfIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'Knox 문서 ID 형식이 아닙니다' });

export async function listApprovalsForUser(db: Db, user: CurrentUser, query: Record<string, string>) {
  const input = parseInput(listQuerySchema, withoutEmpty(query), '조회 조건');
  const mine = input.mine === 'true' || input.mine === '1';
  const status = typeof input.status === 'number' ? input.status : undefined;
  const actionStatus = typeof input.status === 'string' ? input.status : undefined;
  return listApprovals(db, {
    viewer: user,
    mine,
    status,
    actionStatus,
    search: input.search,
    limit: input.limit,
    offset: input.offset,
  });
}

/** The detail of one approval, for its requester or an admin (404 unknown, 403 someone else's). */
export async function getApprovalForUser(
  db: Db,
  user: CurrentUser,
  rawApInfId: string,
): Promise<ApprovalDetail> {
  const apInfId = parseInput(apInfIdSchema, rawApInfId, 'apInfId');
  const detail = await getApprovalWithTimeline(db, apInfId);
  if (!detail) throw notFound(`결재 문서를 찾을 수 없습니다: ${apInfId}`);
  if (!permissions.manageApproval(user, detail.approval.requesterId)) {
    throw forbidden('본인이 상신한 결재만 볼 수 있습니다');
  }
  return detail;
}

const pendingActionsQuerySchema = z
  .object({
    status: z
      .enum(PENDING_ACTION_STATUSES, { message: `${PENDING_ACTION_STATUSES.join(', ')} 중 하나여야 합니다` })
      .optional(),
    ...pagination,
  })
  .strict();

export async function listPendingActionsForAdmin(db: Db, query: Record<string, string>) {
  const input = parseInput(pendingActionsQuerySchema, withoutEmpty(query), '조회 조건');
  return listPendingActions(db, input);
}

export const pendingActionIdSchema = z.coerce
  .number({ message: '액션 ID는 숫자여야 합니다' })
  .int({ message: '액션 ID는 정수여야 합니다' })
  .positive({ message: '액션 ID는 1 이상이어야 합니다' })
  .max(2_147_483_647, { message: '액션 ID가 너무 큽니다' });
