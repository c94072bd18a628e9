import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { approvalEvents, approvalLogs, pendingActions, users } from '@/db/schema';
import type { ApprovalDetail } from '@/lib/knox-api/approval';
import { approverActs } from '../approver-acts';
import { APPROVAL_EVENTS } from '../model';
import { notifyDecision } from '../store';

/**
 * The approval_logs columns for a line read from Knox at change number `docChgNum`. A line read
 * earlier than the one recorded (two readers racing) does not replace it: compare-and-set on
 * line_doc_chg_num, inside the same statement as the rest of the row's update.
 */
export function lineColumns(line: ApprovalDetail['aplns'], docChgNum: number) {
  return {
    approvalLine: sql`case when ${approvalLogs.lineDocChgNum} <= ${docChgNum} then ${JSON.stringify(line)}::jsonb else ${approvalLogs.approvalLine} end`,
    lineDocChgNum: sql`greatest(${approvalLogs.lineDocChgNum}, ${docChgNum})`,
    // now(): line_synced_at is compared with decided_at, which the database's clock wrote.
    lineSyncedAt: sql`now()`,
  };
}

/**
 * One `approver_acted` event per act the line reports (승인, 반려, 전결, 보류, …), in the caller's
 * transaction. The unique (ap_inf_id, dedupe_key) index makes reading the same line again, from
 * any instance, append nothing. New acts are announced on the decision channel (in the same
 * transaction, so only once they are committed): an open page shows "최팀장 승인" while later approvers
 * still wait, not only the final decision. Returns how many were new.
 */
export async function appendApproverActs(
  tx: Db | Tx,
  apInfId: string,
  detail: Pick<ApprovalDetail, 'status' | 'aplns'>,
): Promise<number> {
  const acts = approverActs(detail);
  if (acts.length === 0) return 0;
  const [action] = await tx
    .select({ id: pendingActions.id })
    .from(pendingActions)
    .where(eq(pendingActions.apInfId, apInfId));
  const people = await tx
    .select({ id: users.id, epId: users.epId })
    .from(users)
    .where(
      inArray(
        users.epId,
        acts.map((act) => act.epId),
      ),
    );
  const userIdOf = new Map(people.map((person) => [person.epId, person.id]));
  const inserted = await tx
    .insert(approvalEvents)
    .values(
      acts.map((act) => ({
        apInfId,
        pendingActionId: action?.id ?? null,
        actor: userIdOf.get(act.epId) ?? 'knox',
        eventType: APPROVAL_EVENTS.approverActed,
        dedupeKey: act.dedupeKey,
        detail: {
          act: act.act,
          epId: act.epId,
          name: act.name,
          titleName: act.titleName,
          seq: act.seq,
          role: act.role,
          opinion: act.opinion,
          actedAt: act.actedAt?.toISOString() ?? null,
        },
      })),
    )
    .onConflictDoNothing()
    .returning({ id: approvalEvents.id });
  if (inserted.length > 0) await notifyDecision(tx, apInfId);
  return inserted.length;
}
