import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { approvalLogs, type PendingAction, pendingActions } from '@/db/schema';
import { getRegisteredActions, REPLACEABLE_STATUSES } from '@/lib/approval';

/** A linked approval as the detail page shows it. */
export interface LinkedApproval {
  apInfId: string;
  title: string | null;
}

const isReplaceable = (status: string) => (REPLACEABLE_STATUSES as readonly string[]).includes(status);

/** 대체된 결재 (the one this replaces) and 다시 요청한 결재 (the one that replaced this). */
export async function getReplacementLinks(
  db: Db | Tx,
  action: Pick<PendingAction, 'apInfId' | 'replacesApInfId'>,
): Promise<{ replaces: LinkedApproval | null; replacedBy: LinkedApproval | null }> {
  const replaces = action.replacesApInfId
    ? ((
        await db
          .select({ apInfId: approvalLogs.apInfId, title: approvalLogs.title })
          .from(approvalLogs)
          .where(eq(approvalLogs.apInfId, action.replacesApInfId))
      )[0] ?? { apInfId: action.replacesApInfId, title: null })
    : null;
  const [replacedBy] = await db
    .select({ apInfId: pendingActions.apInfId, title: approvalLogs.title })
    .from(pendingActions)
    .leftJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
    .where(eq(pendingActions.replacesApInfId, action.apInfId));
  return { replaces, replacedBy: replacedBy ?? null };
}

/**
 * Where 다시 요청 leads, or null when it is not offered: only the requester, only for an ended
 * approval not replaced yet, only when its feature has a request form. The server checks all of it
 * again when the new request is submitted (withApproval); this only decides whether to show it.
 */
export function reRequestHref(
  action: Pick<PendingAction, 'apInfId' | 'actionType' | 'actionPayload' | 'status' | 'createdBy'>,
  viewerId: string,
  replacedBy: LinkedApproval | null,
): string | null {
  if (action.createdBy !== viewerId || !isReplaceable(action.status) || replacedBy) return null;
  const path = requestFormOf(action);
  return path ? `${path}?replaces=${encodeURIComponent(action.apInfId)}` : null;
}

export type ReRequestSource =
  | { ok: true; apInfId: string; payload: unknown }
  | { ok: false; apInfId: string; message: string };

/** The request form of an action, from its feature's manifest (null: none). */
function requestFormOf(action: Pick<PendingAction, 'actionType' | 'actionPayload'>): string | null {
  const manifest = getRegisteredActions().find((entry) => entry.actionType === action.actionType);
  return manifest?.requestForm?.(action.actionPayload) ?? null;
}

/**
 * The old input the form at `formPath` is filled with for 다시 요청: the viewer's own ended
 * approval whose request form is that one (same action, same vendor or PQ), not replaced yet.
 * Otherwise why not, in Korean (someone else's reads as missing).
 */
export async function findReRequestSource(
  db: Db | Tx,
  viewerId: string,
  apInfId: string,
  formPath: string,
): Promise<ReRequestSource> {
  const [action] = await db
    .select()
    .from(pendingActions)
    .where(and(eq(pendingActions.apInfId, apInfId), eq(pendingActions.createdBy, viewerId)));
  if (!action || requestFormOf(action) !== formPath) {
    return { ok: false, apInfId, message: '다시 요청할 결재를 찾을 수 없습니다.' };
  }
  if (!isReplaceable(action.status)) {
    return { ok: false, apInfId, message: '반려·상신취소·기한 만료된 결재만 다시 요청할 수 있습니다.' };
  }
  const { replacedBy } = await getReplacementLinks(db, action);
  if (replacedBy) {
    return { ok: false, apInfId, message: `이미 다시 요청한 결재입니다 (ID: ${replacedBy.apInfId}).` };
  }
  return { ok: true, apInfId, payload: action.actionPayload };
}
