import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { pgArrayLiteral, rowsOf } from '@/db/raw-sql';
import { notifications, users } from '@/db/schema';
import { tellsFor } from '../notification-messages';
import { actionTitle } from '../registry';

interface MoveRow {
  event_id: number | string;
  ap_inf_id: string;
  to_status: string | null;
  action_type: string;
  created_by: string | null;
  error_message: string | null;
  title: string | null;
  approval_line: unknown;
  requester_name: string | null;
}

/**
 * Tells people about moves just recorded, in the move's own transaction: a move that rolls back
 * tells nobody, and one that committed has told everyone it concerns. One row per person per
 * event (the unique key), so a move recorded once is told once, however often the poller runs.
 * The engine owns this writer (rather than a domain hooked in from the composition root) because
 * what is said follows from the engine's own facts — the status reached, the opinion, the error —
 * and because a table written in every move must not depend on a registration having happened.
 */
export async function notifyPeople(tx: Tx, eventIds: readonly number[]): Promise<void> {
  if (eventIds.length === 0) return;
  const moves = rowsOf<MoveRow>(
    await tx.execute(sql`
      select e.id as event_id, e.ap_inf_id, e.to_status, p.action_type, p.created_by, p.error_message,
             l.title, l.approval_line, u.name as requester_name
        from approval_events e
        join pending_actions p on p.id = e.pending_action_id
        left join approval_logs l on l.ap_inf_id = e.ap_inf_id
        left join users u on u.id = p.created_by
       where e.id = any(${pgArrayLiteral([...eventIds])}::bigint[])`),
  );
  const told = moves.map((move) => ({
    move,
    tells: tellsFor({
      toStatus: move.to_status ?? '',
      actionTitle: actionTitle(move.action_type),
      requesterName: move.requester_name,
      reason: move.error_message,
      approvalLine:
        typeof move.approval_line === 'string' ? JSON.parse(move.approval_line) : move.approval_line,
    }),
  }));
  const admins = told.some(({ tells }) => tells.some((tell) => tell.audience === 'admins'))
    ? await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin'))
    : [];
  const rows = told.flatMap(({ move, tells }) =>
    tells.flatMap((tell) => {
      const recipients =
        tell.audience === 'requester'
          ? move.created_by
            ? [move.created_by]
            : []
          : // A requester who is an admin hears once, as the requester.
            admins.map((admin) => admin.id).filter((id) => id !== move.created_by);
      return recipients.map((userId) => ({
        userId,
        eventId: Number(move.event_id),
        kind: tell.kind,
        apInfId: move.ap_inf_id,
        title: move.title ?? actionTitle(move.action_type),
        message: tell.message,
      }));
    }),
  );
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows).onConflictDoNothing();
}
