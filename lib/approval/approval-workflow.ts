import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type Db, getDb, type Tx } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import {
  approvalLogs,
  type PendingAction,
  type PendingActionStatus,
  pendingActions,
  users,
} from '@/db/schema';
import { env } from '@/lib/env';
import { sanitizeDocumentHtml } from '@/lib/html/sanitize';
import {
  type ApprovalLineEntryInput,
  cancelApproval,
  getApprovalStatuses,
  KNOX_ERROR,
  KnoxNotFoundError,
  KnoxRefusedError,
  knoxStatusOutcome,
  submitApproval,
} from '@/lib/knox-api/approval';
import { approvalLogger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { generateApInfId } from './ap-inf-id';
import {
  ApprovalNotFoundError,
  ApprovalStateConflictError,
  ApprovalSubmitRefusedError,
  InvalidApprovalConfigError,
  KnoxUnavailableError,
  MissingEpIdError,
  TemplateNotFoundError,
  UnknownActionTypeError,
  UnknownApproverError,
} from './errors';
import { claimAndRun, type ExecutionOutcome } from './execution';
import { getActionHandler, type NormalizedHandler } from './registry';
import {
  appendEvent,
  errorText,
  findActionByApInfId,
  findActionById,
  notifyDecision,
  OPEN_STATUSES,
  SYSTEM_ACTORS,
  toJsonValue,
} from './state';
import { findApprovalTemplateByName, isSafeHtml, replaceTemplateVariables } from './template-utils';
import {
  type ActionActor,
  type ActionContext,
  type ApprovalConfig,
  approvalConfigSchema,
  type WithApprovalResult,
} from './types';

const log = (apInfId: string) => approvalLogger(apInfId, 'approval-workflow');

/** The handler the composition root (lib/server/approval-features.ts) registered for `actionType`. */
function requireHandler(actionType: string): NormalizedHandler {
  const handler = getActionHandler(actionType);
  if (!handler) throw new UnknownActionTypeError(actionType);
  return handler;
}

/** True when any string inside `value` holds a NUL character, which PostgreSQL text cannot store. */
export function containsNul(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (isSafeHtml(value)) return value.html.includes('\u0000');
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof Date) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, seen));
}

const NUL_MESSAGE =
  '입력에 저장할 수 없는 문자(NUL, \\0)가 들어 있습니다. 해당 문자를 지우고 다시 시도하세요.';

function parseConfig(config: ApprovalConfig) {
  const parsed = approvalConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
    );
    throw new InvalidApprovalConfigError(`결재 요청 정보가 올바르지 않습니다: ${issues[0]}`, issues);
  }
  return parsed.data;
}

/** The approval line with each approver checked against our users (EP ID known and present). */
async function resolveApprovalLine(
  db: Db,
  approvers: NonNullable<ApprovalConfig['approvers']>,
  drafterEpId: string,
): Promise<ApprovalLineEntryInput[]> {
  if (approvers.length === 0) throw new InvalidApprovalConfigError('결재자를 한 명 이상 지정해야 합니다');
  const entries = approvers.map((approver) =>
    typeof approver === 'string' ? { epId: approver.trim(), role: 'approve' as const } : approver,
  );
  const epIds = [...new Set(entries.map((entry) => entry.epId))];
  if (epIds.length !== entries.length)
    throw new InvalidApprovalConfigError('같은 결재자가 두 번 지정되었습니다');
  if (epIds.includes(drafterEpId))
    throw new InvalidApprovalConfigError('기안자는 결재선에 들어갈 수 없습니다');
  const found = await db
    .select({ id: users.id, epId: users.epId, email: users.email })
    .from(users)
    .where(and(inArray(users.epId, epIds), isNotNull(users.epId)));
  const byEpId = new Map(found.map((user) => [user.epId!, user]));
  return entries.map((entry) => {
    const user = byEpId.get(entry.epId);
    if (!user) throw new UnknownApproverError(entry.epId);
    return {
      epId: entry.epId,
      userId: user.id,
      emailAddress: user.email,
      role: entry.role ?? 'approve',
      ...(entry.arbitrary ? { arbitrary: true } : {}),
    };
  });
}

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
  const line = await resolveApprovalLine(db, parsed.approvers ?? [], user.epId);
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
    const [row] = await tx
      .insert(pendingActions)
      .values({ apInfId, actionType, actionPayload, status: 'pending', createdBy: user.id })
      .returning();
    const ctx: ActionContext = { tx, apInfId, actor: { id: user.id }, pendingActionId: row!.id };
    await handler.prepare?.(actionPayload as P, ctx);
    await tx.insert(approvalLogs).values({
      apInfId,
      status: 1,
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
      eventType: 'created',
      toStatus: 'pending',
      detail: {
        actionType,
        title: parsed.title,
        templateName: parsed.templateName,
        approvers: line.map((l) => l.epId),
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
      eventType: 'submit_refused',
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

type SubmitOutcome =
  | { kind: 'submitted'; how: 'accepted' | 'confirmed' | 'resubmitted' }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unknown'; reason: string };

/**
 * Submits, and when the answer is lost asks Knox whether the document exists: present → submitted;
 * absent → one more submit with the same id; still unknown → unknown (the poller settles it).
 */
export async function submitSettled(apInfId: string, submit: () => Promise<unknown>): Promise<SubmitOutcome> {
  const first = await attemptSubmit(submit);
  if (first.kind !== 'unknown') return first;
  const presence = await askPresence(apInfId);
  if (presence === 'present') return { kind: 'submitted', how: 'confirmed' };
  if (presence === 'unknown') return first;
  const second = await attemptSubmit(submit);
  if (second.kind === 'submitted') return { kind: 'submitted', how: 'resubmitted' };
  return second;
}

async function attemptSubmit(submit: () => Promise<unknown>): Promise<SubmitOutcome> {
  try {
    await submit();
    return { kind: 'submitted', how: 'accepted' };
  } catch (error) {
    // A duplicate id can only be our own earlier attempt that did arrive: the document exists.
    if (error instanceof KnoxRefusedError && error.code === KNOX_ERROR.DUPLICATE_ID) {
      return { kind: 'submitted', how: 'confirmed' };
    }
    if (error instanceof KnoxRefusedError)
      return { kind: 'refused', code: error.code, message: error.knoxMessage };
    // Time-outs, dropped connections, 5xx and anything unexpected: never guess.
    return { kind: 'unknown', reason: errorText(error) };
  }
}

async function askPresence(apInfId: string): Promise<'present' | 'absent' | 'unknown'> {
  try {
    const [result] = await getApprovalStatuses([apInfId]);
    if (!result) return 'unknown';
    // An unreadable entry is still Knox answering for the document: it has it.
    return result.found === false ? 'absent' : 'present';
  } catch {
    return 'unknown';
  }
}

/**
 * Records Knox's acceptance: submitted_at, the `submitted` event and, when the poller confirmed an
 * unknown submit, submit_unknown → pending. One statement (atomic on its own): it runs once per
 * request, right after the Knox call, so its round trips count. The event and submitted_at are
 * written only when the row moved, with the status it moved from (read under the row lock): an
 * action that was meanwhile executed or withdrawn gets no event describing a move that never was.
 * Returns the status the row was in when it did not move (null when it moved).
 */
async function markSubmitted(
  db: Db,
  action: PendingAction,
  how: string,
): Promise<PendingActionStatus | null> {
  const rows = rowsOf<{ moved: number }>(
    await db.execute(sql`
    with old as (
      select id, status from pending_actions
       where id = ${action.id} and status in ('pending', 'submit_unknown')
         for update
    ), moved as (
      update pending_actions p set status = 'pending', updated_at = now()
        from old where p.id = old.id
      returning p.id, old.status as from_status
    ), logged as (
      update approval_logs set submitted_at = coalesce(submitted_at, now()), updated_at = now()
       where ap_inf_id = ${action.apInfId} and exists (select 1 from moved)
      returning ap_inf_id
    ), event as (
      insert into approval_events (ap_inf_id, pending_action_id, actor, event_type, from_status, to_status, detail)
      select ${action.apInfId}, moved.id, 'knox', 'submitted', moved.from_status, 'pending',
             ${JSON.stringify({ how })}::jsonb
        from moved
      returning id
    )
    select (select count(*) from moved)::int as moved, (select count(*) from logged)::int as logged`),
  );
  if (Number(rows[0]?.moved ?? 0) > 0) return null;
  const current = await findActionById(db, action.id);
  return current?.status ?? null;
}

/**
 * markSubmitted for a submit Knox has just accepted. When the action was withdrawn (or expired)
 * while the submit was in flight — the withdraw found nothing to cancel in Knox yet — the document
 * just created is cancelled at once: nothing may stay open in Knox behind a closed action. Should
 * that cancel fail, the poller keeps asking about the never-confirmed document and cancels it then
 * (settleOrphanedDocument). Returns the status the row was in when it did not move.
 */
async function recordAccepted(
  db: Db,
  action: PendingAction,
  how: string,
): Promise<PendingActionStatus | null> {
  const notMoved = await markSubmitted(db, action, how);
  if (notMoved === 'withdrawn' || notMoved === 'expired') await cancelOrphanedDocument(action.apInfId);
  return notMoved;
}

const ORPHAN_OPINION = '상신취소된 요청의 뒤늦게 접수된 문서를 자동 상신취소합니다';

/**
 * Cancels in Knox a document whose action is already withdrawn or expired, and records on
 * approval_logs that Knox had it (submitted_at) and closed it, which ends the poller's follow-up.
 * Returns false when Knox could not be reached (the poller tries again).
 */
export async function cancelOrphanedDocument(apInfId: string): Promise<boolean> {
  try {
    await cancelApproval(apInfId, ORPHAN_OPINION);
  } catch (error) {
    log(apInfId).warn(
      { err: errorText(error) },
      '[Approval Workflow] cancelling an orphaned document failed',
    );
    return false;
  }
  const db = await getDb();
  await db
    .update(approvalLogs)
    .set({
      status: 4,
      submittedAt: sql`coalesce(${approvalLogs.submittedAt}, now())`,
      lastSyncedAt: sql`now()`,
    })
    .where(eq(approvalLogs.apInfId, apInfId));
  await appendEvent(db, {
    apInfId,
    pendingActionId: null,
    actor: SYSTEM_ACTORS.workflow.id,
    eventType: 'orphan_cancelled',
    detail: { reason: 'the submit landed in Knox after the action was closed' },
  });
  log(apInfId).warn('[Approval Workflow] a document that landed after its withdraw was cancelled in Knox');
  return true;
}

/** pending → submit_unknown, with its event only when the row did move. */
async function markSubmitUnknown(db: Db, action: PendingAction, reason: string): Promise<void> {
  await db.execute(sql`
    with moved as (
      update pending_actions
         set status = 'submit_unknown', error_message = ${`Knox 상신 결과 확인 불가: ${reason}`}, updated_at = now()
       where id = ${action.id} and status = 'pending'
      returning id
    )
    insert into approval_events (ap_inf_id, pending_action_id, actor, event_type, from_status, to_status, detail)
    select ${action.apInfId}, moved.id, ${SYSTEM_ACTORS.workflow.id}, 'submit_unknown', 'pending',
           'submit_unknown', ${JSON.stringify({ reason })}::jsonb
      from moved`);
}

/**
 * Settles an action whose submit outcome is unknown (`submit_unknown`, or `pending` never confirmed
 * because its process died mid-submit): when Knox does not have the document, submits it once more
 * with the same id and content. Returns the action's status afterwards.
 */
export async function settleUnknownSubmit(
  action: PendingAction,
  knoxHasIt: boolean,
): Promise<PendingActionStatus> {
  const db = await getDb();
  if (knoxHasIt) {
    await markSubmitted(db, action, 'confirmed');
    return 'pending';
  }
  // Withdrawn (or expired) since it was read: a resubmit now would create a document nobody wants.
  const current = await findActionById(db, action.id);
  if (!current || !(OPEN_STATUSES as readonly string[]).includes(current.status)) {
    return current?.status ?? action.status;
  }
  const [doc] = await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, action.apInfId));
  if (!doc) throw new Error(`approval_logs row missing for ${action.apInfId}`);
  const line = (doc.approvalLine ?? []) as ApprovalLineEntryInput[];
  const [requester] = doc.requesterId
    ? await db.select({ email: users.email }).from(users).where(eq(users.id, doc.requesterId))
    : [];
  const outcome = await attemptSubmit(() =>
    submitApproval({
      apInfId: action.apInfId,
      subject: doc.title,
      contents: doc.content,
      drafter: {
        epId: doc.requesterEpId,
        ...(doc.requesterId ? { userId: doc.requesterId } : {}),
        ...(requester?.email ? { emailAddress: requester.email } : {}),
      },
      line,
    }),
  );
  if (outcome.kind === 'submitted') {
    return (await recordAccepted(db, action, 'resubmitted')) ?? 'pending';
  }
  if (outcome.kind === 'refused') {
    await finishWithCompensation(action.apInfId, {
      to: 'failed',
      from: [...OPEN_STATUSES],
      actor: SYSTEM_ACTORS.poller,
      eventType: 'submit_refused',
      message: `Knox 상신 거부 (${outcome.code}): ${outcome.message}`,
      detail: { knoxCode: outcome.code, knoxMessage: outcome.message },
    });
    return 'failed';
  }
  if (action.status === 'pending') await markSubmitUnknown(db, action, outcome.reason);
  return 'submit_unknown';
}

/** APPROVAL_WORKFLOW_ENABLED=false: prepare and execute at once, in one transaction, recorded as bypassed. */
async function runBypassed<P>(
  db: Db,
  actionType: string,
  payload: P,
  handler: NormalizedHandler,
  config: ReturnType<typeof parseConfig>,
): Promise<WithApprovalResult> {
  const template = await findApprovalTemplateByName(db, config.templateName);
  if (!template) throw new TemplateNotFoundError(config.templateName);
  const apInfId = generateApInfId();
  const actionPayload = toJsonValue(payload);
  const actor = { id: config.currentUser.id };
  try {
    const result = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(pendingActions)
        .values({
          apInfId,
          actionType,
          actionPayload,
          status: 'executing',
          attempts: 1,
          approvalBypassed: true,
          createdBy: actor.id,
        })
        .returning();
      const ctx: ActionContext = { tx, apInfId, actor, pendingActionId: row!.id };
      await handler.prepare?.(actionPayload as P, ctx);
      const value = toJsonValue(await handler.execute(actionPayload as P, ctx));
      await tx
        .update(pendingActions)
        .set({ status: 'executed', executionResult: value, executedAt: sql`now()` })
        .where(eq(pendingActions.id, row!.id));
      await appendEvent(tx, {
        apInfId,
        pendingActionId: row!.id,
        actor: actor.id,
        eventType: 'bypassed',
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
      const [row] = await tx
        .insert(pendingActions)
        .values({
          apInfId,
          actionType,
          actionPayload,
          status: 'failed',
          attempts: 1,
          approvalBypassed: true,
          errorMessage: errorText(error),
          createdBy: actor.id,
        })
        .returning();
      await appendEvent(tx, {
        apInfId,
        pendingActionId: row!.id,
        actor: actor.id,
        eventType: 'bypassed',
        toStatus: 'failed',
        detail: { actionType, error: errorText(error) },
      });
    });
    metrics().executions.inc({ action_type: actionType, result: 'failed' });
    throw error;
  }
}

interface FinishOptions {
  to: 'rejected' | 'withdrawn' | 'expired' | 'failed';
  from: readonly PendingActionStatus[];
  actor: ActionActor;
  eventType: string;
  message: string | null;
  detail?: Record<string, unknown>;
  /** Knox status to record on the document in the same transaction. */
  knoxStatus?: number;
  /**
   * Only while Knox's acceptance is unrecorded (approval_logs.submitted_at null), checked under the
   * row lock: a withdraw that found no document in Knox must not settle once a submit is recorded.
   */
  onlyWhileUnconfirmed?: boolean;
}

/**
 * Moves an open action to a final state and runs the handler's `compensate` in the same transaction.
 * When compensate throws, nothing of it is kept and the action becomes `failed` with the reason, so
 * an admin sees that the business data was not put back. Returns the status reached, or null when
 * the action was no longer in one of `from`.
 */
export async function finishWithCompensation(
  apInfId: string,
  options: FinishOptions,
): Promise<PendingActionStatus | null> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(pendingActions)
        .where(and(eq(pendingActions.apInfId, apInfId), inArray(pendingActions.status, [...options.from])))
        .for('update');
      if (!before) return null;
      if (options.onlyWhileUnconfirmed) {
        const [doc] = await tx
          .select({ submittedAt: approvalLogs.submittedAt })
          .from(approvalLogs)
          .where(eq(approvalLogs.apInfId, apInfId));
        if (doc?.submittedAt) return null;
      }
      await tx
        .update(pendingActions)
        .set({ status: options.to, errorMessage: options.message, claimExpiresAt: null })
        .where(eq(pendingActions.id, before.id));
      const handler = getActionHandler(before.actionType);
      const ctx: ActionContext = { tx, apInfId, actor: options.actor, pendingActionId: before.id };
      if (handler?.compensate) await handler.compensate(before.actionPayload, ctx);
      if (options.knoxStatus !== undefined) await recordKnoxDecision(tx, apInfId, options.knoxStatus);
      await appendEvent(tx, {
        apInfId,
        pendingActionId: before.id,
        actor: options.actor.id,
        eventType: options.eventType,
        fromStatus: before.status,
        toStatus: options.to,
        detail: {
          ...options.detail,
          ...(options.message ? { message: options.message } : {}),
          compensated: Boolean(handler?.compensate),
        },
      });
      await notifyDecision(tx, apInfId);
      return options.to;
    });
  } catch (error) {
    log(apInfId).error({ err: error }, '[Approval Workflow] compensation failed');
    const reason = `${options.eventType} 처리 중 원상복구(보상) 실패: ${errorText(error)}`;
    return db.transaction(async (tx) => {
      const [before] = await tx
        .select({ id: pendingActions.id, status: pendingActions.status })
        .from(pendingActions)
        .where(and(eq(pendingActions.apInfId, apInfId), inArray(pendingActions.status, [...options.from])))
        .for('update');
      if (!before) return null;
      const [row] = await tx
        .update(pendingActions)
        .set({ status: 'failed', errorMessage: reason, claimExpiresAt: null })
        .where(eq(pendingActions.id, before.id))
        .returning();
      if (!row) return null;
      if (options.knoxStatus !== undefined) await recordKnoxDecision(tx, apInfId, options.knoxStatus);
      await appendEvent(tx, {
        apInfId,
        pendingActionId: row.id,
        actor: options.actor.id,
        eventType: 'compensation_failed',
        fromStatus: before.status,
        toStatus: 'failed',
        detail: { intended: options.to, error: errorText(error), ...options.detail },
      });
      await notifyDecision(tx, apInfId);
      return 'failed' as const;
    });
  }
}

/**
 * A rejected (반려, 3) or withdrawn-in-Knox (상신취소, 4) document: the action becomes `rejected`
 * (or `withdrawn`) with the approver's opinion, and `compensate` runs in the same transaction.
 */
export async function handleRejectedAction(
  apInfId: string,
  reason: string | null,
  options: { knoxStatus?: 3 | 4; actor?: ActionActor } = {},
): Promise<PendingActionStatus | null> {
  const withdrawn = options.knoxStatus === 4;
  const status = await finishWithCompensation(apInfId, {
    to: withdrawn ? 'withdrawn' : 'rejected',
    from: [...OPEN_STATUSES],
    actor: options.actor ?? { id: 'knox' },
    eventType: withdrawn ? 'withdrawn' : 'rejected',
    message: reason,
    detail: { opinion: reason },
    knoxStatus: options.knoxStatus ?? 3,
  });
  if (status) metrics().decisions.inc({ outcome: withdrawn ? 'withdrawn' : 'rejected' });
  return status;
}

/** Admin: runs a failed action's handler again, still exactly once. Only for approved documents. */
export async function retryFailedAction(
  pendingActionId: number,
  actor: ActionActor,
): Promise<ExecutionOutcome> {
  const db = await getDb();
  const action = await findActionById(db, pendingActionId);
  if (!action) throw new ApprovalNotFoundError(pendingActionId);
  if (action.status !== 'failed') {
    throw new ApprovalStateConflictError(
      `실패 상태의 작업만 재실행할 수 있습니다 (현재 상태: ${action.status})`,
      action.status,
    );
  }
  if (action.approvalBypassed) {
    // Its prepare was rolled back with the failed attempt; a new request does both again.
    throw new ApprovalStateConflictError(
      '결재 없이 바로 실행된 작업은 재실행할 수 없습니다. 요청을 다시 하세요.',
      action.status,
    );
  }
  {
    const [doc] = await db
      .select({ status: approvalLogs.status })
      .from(approvalLogs)
      .where(eq(approvalLogs.apInfId, action.apInfId));
    if (!doc || knoxStatusOutcome(doc.status) !== 'execute') {
      throw new ApprovalStateConflictError(
        '결재가 승인되지 않은 작업은 재실행할 수 없습니다 (Knox 상신 실패·반려·취소된 문서)',
        action.status,
      );
    }
  }
  const [outcome] = await claimAndRun(
    db,
    and(eq(pendingActions.id, pendingActionId), eq(pendingActions.status, 'failed'))!,
    actor,
    'retry_claimed',
  );
  if (!outcome) {
    const current = await findActionById(db, pendingActionId);
    throw new ApprovalStateConflictError('다른 요청이 이미 이 작업을 처리했습니다', current?.status);
  }
  return outcome;
}

/** Admin: closes a failed action by hand (fixed outside the system), with a note. */
export async function resolveFailedAction(
  pendingActionId: number,
  note: string,
  actor: ActionActor,
): Promise<PendingAction> {
  const trimmed = note.trim();
  if (!trimmed) throw new InvalidApprovalConfigError('처리 메모를 입력하세요');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(pendingActions)
      .set({ status: 'resolved', resolutionNote: trimmed, claimExpiresAt: null })
      .where(and(eq(pendingActions.id, pendingActionId), eq(pendingActions.status, 'failed')))
      .returning();
    if (!row) {
      const current = await findActionById(tx, pendingActionId);
      if (!current) throw new ApprovalNotFoundError(pendingActionId);
      throw new ApprovalStateConflictError(
        `실패 상태의 작업만 처리 완료로 바꿀 수 있습니다 (현재 상태: ${current.status})`,
        current.status,
      );
    }
    await appendEvent(tx, {
      apInfId: row.apInfId,
      pendingActionId: row.id,
      actor: actor.id,
      eventType: 'resolved',
      fromStatus: 'failed',
      toStatus: 'resolved',
      detail: { note: trimmed },
    });
    await notifyDecision(tx, row.apInfId);
    return row;
  });
}

/**
 * 상신취소 by the requester or an admin: cancel in Knox, then compensate → `withdrawn`. When Knox
 * says the document is already decided, that decision is processed instead and a conflict thrown.
 */
export async function withdrawApproval(
  apInfId: string,
  opinion: string,
  actor: ActionActor,
): Promise<PendingAction> {
  const db = await getDb();
  const action = await findActionByApInfId(db, apInfId);
  if (!action) throw new ApprovalNotFoundError(apInfId);
  if (!(OPEN_STATUSES as readonly string[]).includes(action.status)) {
    throw new ApprovalStateConflictError(
      `진행 중인 결재만 상신취소할 수 있습니다 (현재 상태: ${action.status})`,
      action.status,
    );
  }
  const text = opinion.trim() || '상신취소';
  // Knox not having a never-confirmed document settles the withdraw only if, under the row lock,
  // the submit is still unconfirmed: a resubmit recorded meanwhile means Knox has it now, so the
  // cancel is sent again. (A resubmit landing after the withdraw cancels its own document.)
  for (let attempt = 1; ; attempt += 1) {
    const current = (await findActionByApInfId(db, apInfId))!;
    if (!(OPEN_STATUSES as readonly string[]).includes(current.status)) break;
    const unconfirmed = current.status === 'submit_unknown';
    const how = await cancelInKnox(apInfId, text, unconfirmed, actor, { conflictIfDecided: true });
    const reached = await finishWithCompensation(apInfId, {
      to: 'withdrawn',
      from: [...OPEN_STATUSES],
      actor,
      eventType: 'withdrawn',
      message: text,
      detail: { opinion: text, by: actor.id, ...(how === 'absent' ? { knoxHadNoDocument: true } : {}) },
      knoxStatus: 4,
      onlyWhileUnconfirmed: how === 'absent',
    });
    if (reached !== null || attempt >= 3) break;
  }
  metrics().decisions.inc({ outcome: 'withdrawn' });
  const after = (await findActionByApInfId(db, apInfId))!;
  if (after.status !== 'withdrawn' && after.status !== 'failed') {
    throw new ApprovalStateConflictError(
      `결재 상태가 이미 바뀌었습니다 (현재 상태: ${after.status})`,
      after.status,
    );
  }
  return after;
}

/**
 * Withdraws a document in Knox. Knox not knowing a never-confirmed submit counts as withdrawn; a
 * document Knox already decided has that decision processed here, then (if asked) a conflict thrown.
 */
export async function cancelInKnox(
  apInfId: string,
  opinion: string,
  submitUnconfirmed: boolean,
  actor: ActionActor,
  options: { conflictIfDecided: boolean },
): Promise<'cancelled' | 'absent' | 'decided'> {
  try {
    await cancelApproval(apInfId, opinion);
    return 'cancelled';
  } catch (error) {
    if (error instanceof KnoxNotFoundError && submitUnconfirmed) return 'absent';
    let status: Awaited<ReturnType<typeof getApprovalStatuses>>[number] | undefined;
    try {
      [status] = await getApprovalStatuses([apInfId]);
    } catch (statusError) {
      throw new KnoxUnavailableError(errorText(statusError), { cause: error });
    }
    if (status?.found === 'unreadable') {
      throw new KnoxUnavailableError(`Knox가 읽을 수 없는 문서 상태를 보냈습니다: ${status.reason}`, {
        cause: error,
      });
    }
    if (!status?.found) {
      if (submitUnconfirmed) return 'absent';
      throw new KnoxUnavailableError(`Knox에 결재 문서가 없습니다 (${apInfId})`, { cause: error });
    }
    if (status.status === 4) return 'cancelled';
    if (knoxStatusOutcome(status.status) === 'wait') {
      if (error instanceof KnoxRefusedError) {
        throw new ApprovalStateConflictError(`Knox가 상신취소를 거부했습니다: ${error.message}`);
      }
      throw new KnoxUnavailableError(errorText(error), { cause: error });
    }
    // Already decided: process what Knox decided instead of what was asked.
    const { processKnoxStatus } = await import('./approval-polling-service');
    await processKnoxStatus(apInfId, status, actor);
    if (options.conflictIfDecided) {
      throw new ApprovalStateConflictError(
        '이미 결재가 처리된 문서라 상신취소할 수 없습니다. 결재 결과를 반영했습니다.',
      );
    }
    return 'decided';
  }
}

/** Records on the document that Knox decided it (the status that ended it, and when we learned it). */
async function recordKnoxDecision(tx: Tx, apInfId: string, knoxStatus: number): Promise<void> {
  // The database's clock, like every other decided_at / line_synced_at write (they are compared).
  await tx
    .update(approvalLogs)
    .set({ status: knoxStatus, decidedAt: sql`now()`, lastSyncedAt: sql`now()` })
    .where(eq(approvalLogs.apInfId, apInfId));
}
