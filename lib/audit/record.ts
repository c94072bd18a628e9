import type { Db, Tx } from '@/db';
import { auditEvents } from '@/db/schema';

export interface AuditEventInput {
  kind: string;
  actorId?: string | null;
  subject?: string | null;
  clientAddress?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one audit event; pass the transaction that makes the change, so both land or neither. */
export async function recordAuditEvent(db: Db | Tx, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    kind: event.kind,
    actorId: event.actorId ?? null,
    subject: event.subject ?? null,
    clientAddress: event.clientAddress ?? null,
    detail: event.detail ?? {},
  });
}
