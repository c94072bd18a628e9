import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { approvalEvents, type PendingAction, pendingActions } from '@/db/schema';

/** NOTIFY channel carrying the apInfId of an action that reached a final state. */
export const DECISION_CHANNEL = 'approval_decision';

export interface EventInput {
  apInfId: string;
  pendingActionId: number | null;
  actor: string;
  eventType: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one event; returns its id. */
export async function appendEvent(db: Db | Tx, event: EventInput): Promise<number> {
  const [row] = await db
    .insert(approvalEvents)
    .values({
      apInfId: event.apInfId,
      pendingActionId: event.pendingActionId,
      actor: event.actor,
      eventType: event.eventType,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      detail: event.detail ?? {},
    })
    .returning({ id: approvalEvents.id });
  return row!.id;
}

/** Tells waiting callers (in this and other instances) that the action changed; delivered on commit. */
export async function notifyDecision(tx: Db | Tx, apInfId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${DECISION_CHANNEL}, ${apInfId})`);
}

export async function findActionByApInfId(db: Db | Tx, apInfId: string): Promise<PendingAction | undefined> {
  const [row] = await db.select().from(pendingActions).where(eq(pendingActions.apInfId, apInfId)).limit(1);
  return row;
}

export async function findActionById(db: Db | Tx, id: number): Promise<PendingAction | undefined> {
  const [row] = await db.select().from(pendingActions).where(eq(pendingActions.id, id)).limit(1);
  return row;
}

/** jsonb-safe copy of a handler's result (Dates become strings, undefined becomes null). */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value));
}

/** The database's clock: every age compared with created_at (written by now()) is measured on it. */
export async function databaseNow(db: Db | Tx): Promise<Date> {
  const [row] = rowsOf<{ now: Date | string }>(await db.execute(sql`select now() as now`));
  return new Date(row!.now);
}
