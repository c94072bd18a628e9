import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only security and administration trail that is not about one approval (those go to
 * approval_events): failed sign-ins, an admin's correction of a vendor's status, rule changes.
 * Admins read it on /admin/audit.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** What happened, e.g. `sign_in_failed`, `vendor_status_corrected`. */
    kind: text('kind').notNull(),
    /** The user who acted, when known (a failed sign-in has none). */
    actorId: text('actor_id'),
    /** What it happened to, e.g. an email address or `vendor:4`. */
    subject: text('subject'),
    /** The client address the request came from, as resolved by TRUSTED_PROXIES. */
    clientAddress: text('client_address'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_events_kind_idx').on(table.kind, table.id),
    index('audit_events_subject_idx').on(table.subject, table.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
