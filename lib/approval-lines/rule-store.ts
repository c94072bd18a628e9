import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type ApprovalLineRuleEntry, approvalLineRules, users } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record';

/** The audit event kind of a rule change (label in lib/audit/labels.ts). */
export const APPROVAL_LINE_RULE_CHANGED = 'approval_line_rule_changed';

export const lineRuleAuditSubject = (actionType: string) => `approval_line_rule:${actionType}`;

export interface StoredLineRule {
  actionType: string;
  entries: ApprovalLineRuleEntry[];
  updatedAt: Date;
  updatedByName: string | null;
}

export async function listLineRules(db: Db | Tx): Promise<StoredLineRule[]> {
  return db
    .select({
      actionType: approvalLineRules.actionType,
      entries: approvalLineRules.entries,
      updatedAt: approvalLineRules.updatedAt,
      updatedByName: users.name,
    })
    .from(approvalLineRules)
    .leftJoin(users, eq(users.id, approvalLineRules.updatedBy));
}

/**
 * Replaces an action type's rule (entries already validated) and records the change with what it
 * was before, in one transaction: both land or neither.
 */
export async function saveLineRule(
  db: Db,
  input: {
    actionType: string;
    entries: ApprovalLineRuleEntry[];
    actorId: string;
    clientAddress?: string | null;
  },
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ entries: approvalLineRules.entries })
      .from(approvalLineRules)
      .where(eq(approvalLineRules.actionType, input.actionType))
      .for('update');
    // As stored: jsonb drops undefined fields and orders keys its own way.
    const after = JSON.parse(JSON.stringify(input.entries)) as ApprovalLineRuleEntry[];
    if (before && isDeepStrictEqual(before.entries, after)) return { changed: false };
    const values = { entries: after, updatedAt: new Date(), updatedBy: input.actorId };
    await tx
      .insert(approvalLineRules)
      .values({ actionType: input.actionType, ...values })
      .onConflictDoUpdate({ target: approvalLineRules.actionType, set: values });
    await recordAuditEvent(tx, {
      kind: APPROVAL_LINE_RULE_CHANGED,
      actorId: input.actorId,
      subject: lineRuleAuditSubject(input.actionType),
      clientAddress: input.clientAddress ?? null,
      detail: { actionType: input.actionType, before: before?.entries ?? null, after },
    });
    return { changed: true };
  });
}
