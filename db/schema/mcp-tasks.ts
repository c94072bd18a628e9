import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { pendingActions } from './knox/pending-actions';
import { users } from './users';

/**
 * An MCP task (a task-augmented tools/call of a HIGH/CRITICAL tool): who asked, for which approval,
 * until when. Its status and result are not kept here: they are read from the pending action, so
 * the approval stays the one source of truth and any instance can answer for any task.
 */
export const mcpTasks = pgTable(
  'mcp_tasks',
  {
    /** Unguessable (crypto random, 128 bits, hex): knowing it is part of the right to ask. */
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null only for a call refused before anything was submitted (see `refusal`). */
    pendingActionId: integer('pending_action_id').references(() => pendingActions.id, {
      onDelete: 'cascade',
    }),
    apInfId: text('ap_inf_id'),
    toolName: text('tool_name').notNull(),
    /** The task's ttl as granted (the client's ask, capped by APPROVAL_MAX_AGE_DAYS), in ms. */
    ttlMs: bigint('ttl_ms', { mode: 'number' }).notNull(),
    pollIntervalMs: integer('poll_interval_ms').notNull(),
    /** What the submit warned about (unfilled template variables); part of the result. */
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    /**
     * The tool error of a call refused before any approval existed (no permission, no EP ID): a task
     * client must get a task, so it gets one that is complete from the start.
     */
    refusal: jsonb('refusal').$type<{ content: Array<{ type: 'text'; text: string }>; isError: true }>(),
    /** Set when the owner cancelled the task (tasks/cancel) and Knox took the withdrawal. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    // Milliseconds, like the JavaScript dates of tasks/list's cursor.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    // tasks/list: the owner's tasks, newest first.
    index('mcp_tasks_owner_idx').on(table.ownerId, table.createdAt, table.id),
    index('mcp_tasks_expires_idx').on(table.expiresAt),
  ],
);

export type McpTask = typeof mcpTasks.$inferSelect;
