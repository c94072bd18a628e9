import { sql } from 'drizzle-orm';
import {
  boolean,
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

/**
 * - pending: written before the Knox submit; waits for the decision
 * - submit_unknown: the submit's outcome is unknown; the poller settles it by asking Knox
 * - executing: only inside the execution transaction (never committed): the handler is running
 * - executed / rejected / withdrawn / expired: final
 * - failed: Knox refused, or the handler threw; an admin may retry or resolve it
 * - resolved: an admin closed a failed action by hand, with a note
 */
export const PENDING_ACTION_STATUSES = [
  'pending',
  'submit_unknown',
  'executing',
  'executed',
  'rejected',
  'withdrawn',
  'expired',
  'failed',
  'resolved',
] as const;
export type PendingActionStatus = (typeof PENDING_ACTION_STATUSES)[number];

/** A business action waiting for its Knox document to be decided. */
export const pendingActions = pgTable(
  'pending_actions',
  {
    id: serial('id').primaryKey(),
    apInfId: text('ap_inf_id').notNull().unique(),
    actionType: text('action_type').notNull(),
    actionPayload: jsonb('action_payload').$type<unknown>().notNull(),
    status: text('status', { enum: PENDING_ACTION_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    executedAt: timestamp('executed_at', { withTimezone: true }),
    executionResult: jsonb('execution_result').$type<unknown>(),
    errorMessage: text('error_message'),
    /** True when APPROVAL_WORKFLOW_ENABLED=false ran the action without a Knox document. */
    approvalBypassed: boolean('approval_bypassed').notNull().default(false),
    resolutionNote: text('resolution_note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    /**
     * 다시 요청: the ended (rejected, withdrawn, expired) approval of the same requester this one
     * replaces; set by withApproval after checking exactly that. Each is replaced at most once.
     */
    replacesApInfId: text('replaces_ap_inf_id'),
    ...timestamps,
  },
  (table) => [
    index('pending_actions_status_idx').on(table.status, table.updatedAt),
    index('pending_actions_created_by_idx').on(table.createdBy, table.createdAt),
    uniqueIndex('pending_actions_replaces_key')
      .on(table.replacesApInfId)
      .where(sql`${table.replacesApInfId} is not null`),
  ],
);

export type PendingAction = typeof pendingActions.$inferSelect;
export type NewPendingAction = typeof pendingActions.$inferInsert;
