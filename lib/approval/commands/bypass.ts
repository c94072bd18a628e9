import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type NewPendingAction, type PendingAction, pendingActions } from '@/db/schema';
import { metrics } from '@/lib/observability/metrics';
import { generateApInfId } from '../document/ap-inf-id';
import { findApprovalTemplateByName } from '../document/template-utils';
import { errorText, TemplateNotFoundError } from '../errors';
import { APPROVAL_EVENTS } from '../model';
import type { NormalizedHandler } from '../registry';
import type { ParsedApprovalConfig } from '../request';
import { appendEvent, toJsonValue } from '../store';
import type { ActionContext, WithApprovalResult } from '../types';

/** APPROVAL_WORKFLOW_ENABLED=false: prepare and execute at once, in one transaction, recorded as bypassed. */
export async function runBypassed<P>(
  db: Db,
  actionType: string,
  payload: P,
  handler: NormalizedHandler,
  config: ParsedApprovalConfig,
): Promise<WithApprovalResult> {
  const template = await findApprovalTemplateByName(db, config.templateName);
  if (!template) throw new TemplateNotFoundError(config.templateName);
  const apInfId = generateApInfId();
  const actionPayload = toJsonValue(payload);
  const actor = { id: config.currentUser.id };
  try {
    const result = await db.transaction(async (tx) => {
      const row = await insertBypassed(
        tx,
        { apInfId, actionType, actionPayload, createdBy: actor.id },
        'executing',
      );
      const ctx: ActionContext = { tx, apInfId, actor, pendingActionId: row.id };
      await handler.prepare?.(actionPayload as P, ctx);
      const value = toJsonValue(await handler.execute(actionPayload as P, ctx));
      await tx
        .update(pendingActions)
        .set({ status: 'executed', executionResult: value, executedAt: sql`now()` })
        .where(eq(pendingActions.id, row.id));
      await appendEvent(tx, {
        apInfId,
        pendingActionId: row.id,
        actor: actor.id,
        eventType: APPROVAL_EVENTS.bypassed,
        toStatus: 'executed',
        detail: { actionType, title: config.title, reason: 'APPROVAL_WORKFLOW_ENABLED=false' },
      });
      return value;
    });
    metrics().submissions.inc({ action_type: actionType, outcome: 'bypassed' });
    metrics().executions.inc({ action_type: actionType, result: 'executed' });
    return { approvalId: apInfId, status: 'executed', bypassed: true, result, warnings: [] };
  } catch (error) {
    // Keep a trace for admins, whatever was thrown (a handler's ApprovalError too: a state
    // conflict in prepare or execute is a failure of this request); its writes were rolled back.
    await db.transaction(async (tx) => {
      const row = await insertBypassed(
        tx,
        { apInfId, actionType, actionPayload, createdBy: actor.id, errorMessage: errorText(error) },
        'failed',
      );
      await appendEvent(tx, {
        apInfId,
        pendingActionId: row.id,
        actor: actor.id,
        eventType: APPROVAL_EVENTS.bypassed,
        toStatus: 'failed',
        detail: { actionType, error: errorText(error) },
      });
    });
    metrics().executions.inc({ action_type: actionType, result: 'failed' });
    throw error;
  }
}

/** The one attempt of a bypassed action; `executing` lives only inside the transaction that runs it. */
async function insertBypassed(
  tx: Tx,
  values: Pick<NewPendingAction, 'apInfId' | 'actionType' | 'actionPayload' | 'createdBy' | 'errorMessage'>,
  status: 'executing' | 'failed',
): Promise<PendingAction> {
  const [row] = await tx
    .insert(pendingActions)
    .values({ ...values, status, attempts: 1, approvalBypassed: true })
    .returning();
  return row!;
}
