import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { timestamps, users } from '../users';

/** Reusable approval documents: HTML with {{변수}} placeholders. Every save is kept as a version. */
export const approvalTemplates = pgTable('approval_templates', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description'),
  content: text('content').notNull(),
  /** Example values per placeholder, for the live preview on the admin page. */
  sampleVariables: jsonb('sample_variables').$type<Record<string, string>>().notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  ...timestamps,
});

export const approvalTemplateVersions = pgTable(
  'approval_template_versions',
  {
    id: serial('id').primaryKey(),
    templateId: integer('template_id')
      .notNull()
      .references(() => approvalTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('approval_template_versions_template_version_key').on(table.templateId, table.version),
  ],
);

/** One Knox document as we submitted it and as Knox last reported it. */
export const approvalLogs = pgTable(
  'approval_logs',
  {
    apInfId: text('ap_inf_id').primaryKey(),
    /** Knox document status code, -2..6 (see lib/knox-api/approval). */
    status: integer('status').notNull(),
    title: text('title').notNull(),
    /** The HTML exactly as sent to Knox. */
    content: text('content').notNull(),
    requesterId: text('requester_id').references(() => users.id, { onDelete: 'set null' }),
    requesterEpId: text('requester_ep_id').notNull(),
    /** The approval line: as submitted, then as Knox's detail call last reported it. */
    approvalLine: jsonb('approval_line').$type<unknown[]>().notNull().default([]),
    docChgNum: integer('doc_chg_num').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    /** When approval_line was last read from Knox's detail call. */
    lineSyncedAt: timestamp('line_synced_at', { withTimezone: true }),
    /**
     * The doc_chg_num of the document when approval_line was read (0: the line as submitted). Knox
     * raises doc_chg_num on every approver's act, so a larger doc_chg_num means acts not yet read.
     */
    lineDocChgNum: integer('line_doc_chg_num').notNull().default(0),
    ...timestamps,
  },
  (table) => [
    // The poller's scan: open documents (codes -2..1), oldest first.
    index('approval_logs_open_idx')
      .on(table.status, table.createdAt)
      .where(sql`${table.status} between -2 and 1`),
    index('approval_logs_requester_idx').on(table.requesterId, table.createdAt),
    // Decided documents whose approval line was not read since the decision: the batch path
    // records decisions first and lines after. (Not on last_synced_at: the poller rewrites that
    // on every open document each cycle, and an indexed column would cost those updates HOT.)
    index('approval_logs_line_unsynced_idx')
      .on(table.decidedAt)
      .where(
        sql`${table.decidedAt} is not null and (${table.lineSyncedAt} is null or ${table.lineSyncedAt} < ${table.decidedAt})`,
      ),
    // Open documents an approver acted on since their line was read (an act while others still wait).
    // On created_at, which never changes: the quiet documents' updates stay HOT.
    index('approval_logs_line_behind_idx')
      .on(table.createdAt)
      .where(sql`${table.status} between -2 and 1 and ${table.docChgNum} > ${table.lineDocChgNum}`),
  ],
);

/** Append-only audit trail: one row for every state change of an approval. */
export const approvalEvents = pgTable(
  'approval_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    apInfId: text('ap_inf_id').notNull(),
    pendingActionId: integer('pending_action_id'),
    /** A user id, or a system actor such as `system:poller` or `knox`. */
    actor: text('actor').notNull(),
    eventType: text('event_type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * Set for events read from Knox rather than made here (an approver's act): what makes the event
     * one of a kind on its document, so reading the same line again appends nothing.
     */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('approval_events_ap_inf_id_idx').on(table.apInfId, table.id),
    uniqueIndex('approval_events_dedupe_key')
      .on(table.apInfId, table.dedupeKey)
      .where(sql`${table.dedupeKey} is not null`),
  ],
);

export type ApprovalTemplate = typeof approvalTemplates.$inferSelect;
export type ApprovalLog = typeof approvalLogs.$inferSelect;
export type ApprovalEvent = typeof approvalEvents.$inferSelect;
