import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ApprovalLineRuleEntry } from './approval-line-entries';
import { users } from './users';

export * from './approval-line-entries';

/** The approval line of one action type, as admins keep it (`/admin/approval-lines`). */
export const approvalLineRules = pgTable('approval_line_rules', {
  actionType: text('action_type').primaryKey(),
  /** Required entries, in line order. */
  entries: jsonb('entries').$type<ApprovalLineRuleEntry[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

export type ApprovalLineRule = typeof approvalLineRules.$inferSelect;
