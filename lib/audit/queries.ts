import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type AuditEvent, auditEvents, users } from '@/db/schema';

/** Read queries over audit_events (written only through recordAuditEvent). */

export interface AuditEventRow extends AuditEvent {
  actorName: string | null;
  actorEmail: string | null;
}

export interface AuditEventPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageCount: number;
}

const columns = {
  id: auditEvents.id,
  kind: auditEvents.kind,
  actorId: auditEvents.actorId,
  subject: auditEvents.subject,
  clientAddress: auditEvents.clientAddress,
  detail: auditEvents.detail,
  createdAt: auditEvents.createdAt,
  actorName: users.name,
  actorEmail: users.email,
};

/** One page of audit events, newest first, optionally of one kind and/or one subject. */
export async function listAuditEvents(
  db: Db | Tx,
  filter: { kind?: string; subject?: string; page: number; pageSize: number },
): Promise<AuditEventPage> {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(auditEvents.kind, filter.kind));
  if (filter.subject) conditions.push(eq(auditEvents.subject, filter.subject));
  const where = conditions.length ? and(...conditions) : undefined;
  const [totalRow] = await db.select({ value: count() }).from(auditEvents).where(where);
  const total = totalRow?.value ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / filter.pageSize));
  const page = Math.min(Math.max(1, filter.page), pageCount);
  const rows = await db
    .select(columns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(filter.pageSize)
    .offset((page - 1) * filter.pageSize);
  return { rows, total, page, pageCount };
}

/** The kinds of event the trail holds, for the filter. */
export async function listAuditEventKinds(db: Db | Tx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ kind: auditEvents.kind })
    .from(auditEvents)
    .orderBy(auditEvents.kind);
  return rows.map((row) => row.kind);
}
