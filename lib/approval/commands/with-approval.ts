import { getDb } from '@/db';
import { approvalLogs, pendingActions } from '@/db/schema';
import { env } from '@/lib/env';
import { sanitizeDocumentHtml } from '@/lib/html/sanitize';
import { submitApproval } from '@/lib/knox-api/approval';
import { approvalLogger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { generateApInfId } from '../document/ap-inf-id';
import { findApprovalTemplateByName, replaceTemplateVariables } from '../document/template-utils';
import {
  ApprovalSubmitRefusedError,
  InvalidApprovalConfigError,
  MissingEpIdError,
  TemplateNotFoundError,
} from '../errors';
import { requireHandler } from '../handler-lookup';
import { approversFor } from '../line-policy';
import { APPROVAL_EVENTS, KNOX_SUBMITTED_STATUS, SYSTEM_ACTORS } from '../model';
import { checkReplaceable } from '../replaces';
import { containsNul, NUL_MESSAGE, parseConfig, resolveApprovalLine } from '../request';
import { appendEvent, toJsonValue } from '../store';
import { finishWithCompensation } from '../transitions/finish';
import { markSubmitUnknown, recordAccepted, submitSettled } from '../transitions/submit';
import type { ActionContext, ApprovalConfig, WithApprovalResult } from '../types';
import { runBypassed } from './bypass';

const log = (apInfId: string) => approvalLogger(apInfId, 'approval-workflow');

/**
 * Wraps a business action in a Knox approval (saga): the action, its document and an event are
 * written in one transaction first (with the handler's `prepare`), then the document is submitted.
 * A definite refusal compensates and throws; an unknown outcome is settled by asking Knox, never guessed.
 */
export async function withApproval<P>(
  actionType: string,
  payload: P,
  config: ApprovalConfig,
): Promise<WithApprovalResult> {
  const parsed = parseConfig(config);
  if (containsNul(payload) || containsNul(parsed)) throw new InvalidApprovalConfigError(NUL_MESSAGE);
  const handler = requireHandler(actionType);
  const db = await getDb();
  if (!env().APPROVAL_WORKFLOW_ENABLED) return runBypassed(db, actionType, payload, handler, parsed);

  const user = parsed.currentUser;
  if (!user.epId) throw new MissingEpIdError();
  const approvers = await approversFor(db, actionType, parsed.approvers, { ...user, epId: user.epId });
  const line = await resolveApprovalLine(db, approvers, user.epId);
  const template = await findApprovalTemplateByName(db, parsed.templateName);
  if (!template) throw new TemplateNotFoundError(parsed.templateName);
  const variables = parsed.description ? { 설명: parsed.description, ...parsed.variables } : parsed.variables;
  const { html: filled, unreplaced } = replaceTemplateVariables(template.content, variables);
  const html = sanitizeDocumentHtml(filled); // what Knox's approvers read passes the same allow-list as our pages
  const warnings = unreplaced.map((name) => `템플릿 변수 {{${name}}}의 값이 없어 그대로 남았습니다`);

  const apInfId = generateApInfId();
  const logger = log(apInfId);
  const actionPayload = toJsonValue(payload);
  logger.info({ actionType }, `[Approval Workflow] Creating pending action for ${actionType}`);
  const action = await db.transaction(async (tx) => {
    const replacesApInfId = parsed.replaces
      ? await checkReplaceable(tx, parsed.replaces, actionType, user.id)
      : null;
    const [row] = await tx
      .insert(pendingActions)
      .values({ apInfId, actionType, actionPayload, status: 'pending', createdBy: user.id, replacesApInfId })
      .returning();
    const ctx: ActionContext = { tx, apInfId, actor: { id: user.id }, pendingActionId: row!.id };
    await handler.prepare?.(actionPayload as P, ctx);
    await tx.insert(approvalLogs).values({
      apInfId,
      status: KNOX_SUBMITTED_STATUS,
      title: parsed.title,
      content: html,
      requesterId: user.id,
      requesterEpId: user.epId!,
      approvalLine: line,
    });
    await appendEvent(tx, {
      apInfId,
      pendingActionId: row!.id,
      actor: user.id,
      eventType: APPROVAL_EVENTS.created,
      toStatus: 'pending',
      detail: {
        actionType,
        title: parsed.title,
        templateName: parsed.templateName,
        approvers: line.map((l) => l.epId),
        ...(replacesApInfId ? { replaces: replacesApInfId } : {}),
      },
    });
    return row!;
  });
  logger.info({ pendingActionId: action.id }, `[Approval Workflow] Pending action created: ${action.id}`);

  const submitInput = {
    apInfId,
    subject: parsed.title,
    contents: html,
    drafter: { epId: user.epId, userId: user.id, ...(user.email ? { emailAddress: user.email } : {}) },
    line,
    urgent: parsed.urgent ?? false,
  };
  logger.info(`[Approval Workflow] Submitting to Knox: ${apInfId}`);
  const outcome = await submitSettled(apInfId, () => submitApproval(submitInput));
  if (outcome.kind === 'submitted') {
    await recordAccepted(db, action, outcome.how);
    metrics().submissions.inc({ action_type: actionType, outcome: 'submitted' });
    logger.info(`[Approval Workflow] ✅ Knox submission successful: ${apInfId}`);
    return { approvalId: apInfId, status: 'pending_approval', warnings };
  }
  if (outcome.kind === 'refused') {
    metrics().submissions.inc({ action_type: actionType, outcome: 'refused' });
    logger.warn(
      { code: outcome.code },
      `[Approval Workflow] ❌ Knox refused the submission: ${outcome.message}`,
    );
    await finishWithCompensation(apInfId, {
      to: 'failed',
      from: ['pending'],
      actor: SYSTEM_ACTORS.workflow,
      eventType: APPROVAL_EVENTS.submitRefused,
      message: `Knox 상신 거부 (${outcome.code}): ${outcome.message}`,
      detail: { knoxCode: outcome.code, knoxMessage: outcome.message },
    });
    throw new ApprovalSubmitRefusedError(apInfId, outcome.code, outcome.message);
  }
  metrics().submissions.inc({ action_type: actionType, outcome: 'unknown' });
  await markSubmitUnknown(db, action, outcome.reason);
  logger.warn(`[Approval Workflow] Knox submission outcome unknown; the poller will settle ${apInfId}`);
  return {
    approvalId: apInfId,
    status: 'pending_approval',
    warnings: [...warnings, 'Knox 응답을 확인하지 못했습니다. 상신 여부는 상태 확인 시 자동으로 정리됩니다.'],
  };
}
