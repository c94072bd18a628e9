import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ApprovalError, ApprovalStateConflictError } from '@/lib/approval/errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { isKnoxStatus } from '@/lib/knox-api/approval/codes';
import { knoxStatusLabel } from '@/lib/knox-api/approval/status-labels';
import { approvalLogger, type logger } from '@/lib/observability/logger';
import { withParticle } from '@/lib/text/particle';
import { agentWaitingCalls } from './metrics';
import { toolError, toolResult } from './results';

/**
 * What a domain request function returns (withApproval's result plus the domain's warnings). Its
 * `approvalId` is the library's contract; what the agent reads says `apInfId`, like every other API.
 */
export interface SubmittedApproval {
  approvalId: string;
  status: string;
  warnings?: string[];
  /** Present when APPROVAL_WORKFLOW_ENABLED=false ran the action at once. */
  result?: unknown;
}

export type ApprovalDecision =
  | { outcome: 'executed'; result: unknown }
  | { outcome: 'rejected' | 'withdrawn' | 'expired'; opinion: string | null | undefined }
  | { outcome: 'failed'; error: string | null | undefined }
  | { outcome: 'timeout' };

export interface ApprovalProgress {
  apInfId: string;
  knoxStatus: number | null | undefined;
  elapsedMs: number;
}

/** The engine functions a gated call needs; injected so the flow is testable on its own. */
export interface ApprovalGate {
  waitForApprovalDecision(
    apInfId: string,
    options: { timeoutMs: number; signal?: AbortSignal; onProgress?: (progress: ApprovalProgress) => void },
  ): Promise<ApprovalDecision>;
  withdrawApproval(apInfId: string, opinion: string, actor: { id: string }): Promise<unknown>;
}

export interface GatedCallOptions {
  toolName: string;
  user: CurrentUser;
  submit: () => Promise<SubmittedApproval>;
  gate: ApprovalGate;
  timeoutMs: number;
  /** Aborted when the client cancels the call or goes away: stop waiting, leave the approval open. */
  signal: AbortSignal;
  /** Sends one MCP progress notification; absent when the client gave no progressToken. */
  sendProgress?: (progress: number, message: string) => Promise<void>;
}

/** Long enough for a decision that raced the timeout to be processed and reported. */
const RACE_SETTLE_MS = 15_000;

/**
 * Submits a HIGH/CRITICAL action and holds the call until Knox decides: approved → the handler's
 * result; rejected or withdrawn → APPROVAL_REJECTED with the opinion; no decision in time → the
 * document is withdrawn in Knox (so it can never run later) and APPROVAL_TIMEOUT.
 */
export async function runGatedCall(options: GatedCallOptions): Promise<CallToolResult> {
  const { toolName, user, gate } = options;
  let submitted: SubmittedApproval;
  try {
    submitted = await options.submit();
  } catch (error) {
    if (error instanceof ApprovalError) return toolError(error.code, error.message);
    throw error;
  }
  const apInfId = submitted.approvalId;
  const log = approvalLogger(apInfId, 'mcp');
  const warnings = submitted.warnings ?? [];
  if (submitted.status === 'executed') {
    log.info({ toolName, userId: user.id }, 'approval workflow disabled: action ran at once');
    return toolResult({
      apInfId,
      outcome: 'executed',
      bypassedApproval: true,
      result: submitted.result,
      warnings,
    });
  }
  log.info(
    { toolName, userId: user.id, timeoutMs: options.timeoutMs },
    'agent call waiting for Knox decision',
  );

  let progressCount = 0;
  const report = (message: string) => {
    if (!options.sendProgress) return;
    progressCount += 1;
    options.sendProgress(progressCount, message).catch((error) => {
      log.debug({ err: error }, 'progress notification not delivered');
    });
  };
  report(`Knox 결재 상신됨 (${apInfId}); 결재자의 결정을 기다립니다`);

  let decision: ApprovalDecision;
  const waiting = agentWaitingCalls();
  waiting.inc({ tool: toolName });
  try {
    decision = await gate.waitForApprovalDecision(apInfId, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onProgress: (progress) => {
        const label =
          typeof progress.knoxStatus === 'number' && isKnoxStatus(progress.knoxStatus)
            ? knoxStatusLabel(progress.knoxStatus)
            : '확인 중';
        report(`Knox 결재 ${apInfId}: ${label}, ${Math.round(progress.elapsedMs / 1000)}초 경과`);
      },
    });
  } catch (error) {
    if (!options.signal.aborted) throw error;
    decision = { outcome: 'timeout' };
  } finally {
    waiting.dec({ tool: toolName });
  }

  if (decision.outcome === 'timeout' && options.signal.aborted) {
    // The caller left: the document stays open and still runs if approved; get_approval_status reports it.
    log.info({ toolName }, 'agent stopped waiting; approval stays open in Knox');
    return toolError(
      'APPROVAL_PENDING',
      `호출이 취소되었습니다. 결재 ${withParticle(apInfId, '은/는')} 계속 진행됩니다`,
    );
  }
  if (decision.outcome === 'timeout') return timeOut(options, apInfId, log);
  return decisionResult(apInfId, decision, warnings, log);
}

/** The tool result of a decided approval: the handler's result, or a tool error saying why not. */
export function decisionResult(
  apInfId: string,
  decision: Exclude<ApprovalDecision, { outcome: 'timeout' }>,
  warnings: string[],
  log: ReturnType<typeof logger>,
): CallToolResult {
  switch (decision.outcome) {
    case 'executed':
      log.info('approved and executed; returning the result to the agent');
      return toolResult({ apInfId, outcome: 'executed', result: decision.result, warnings });
    case 'failed':
      log.warn({ error: decision.error }, 'approved but the action failed');
      return toolError(
        'APPROVAL_FAILED',
        `결재 ${withParticle(apInfId, '은/는')} 승인되었으나 실행에 실패했습니다: ${decision.error ?? ''}`,
      );
    default: {
      const reason = { rejected: '반려', withdrawn: '상신취소', expired: '기한 만료로 취소' }[
        decision.outcome
      ];
      log.info({ outcome: decision.outcome }, 'approval not granted');
      return toolError(
        'APPROVAL_REJECTED',
        `${decision.opinion?.trim() || '(의견 없음)'} — 결재 ${apInfId} ${reason}`,
      );
    }
  }
}

async function timeOut(
  options: GatedCallOptions,
  apInfId: string,
  log: ReturnType<typeof logger>,
): Promise<CallToolResult> {
  const seconds = Math.round(options.timeoutMs / 1000);
  const opinion = `에이전트 승인 대기 시간(${seconds}초) 초과로 자동 상신취소`;
  try {
    await options.gate.withdrawApproval(apInfId, opinion, { id: options.user.id });
  } catch (error) {
    if (error instanceof ApprovalStateConflictError) {
      // Decided while we gave up: report what really happened instead of a timeout.
      log.info('decision arrived as the wait timed out; reporting it');
      const settled = await options.gate.waitForApprovalDecision(apInfId, { timeoutMs: RACE_SETTLE_MS });
      if (settled.outcome !== 'timeout') return decisionResult(apInfId, settled, [], log);
    }
    log.error({ err: error }, 'withdrawing a timed-out approval failed');
    const detail = error instanceof Error ? error.message : String(error);
    return toolError(
      'APPROVAL_TIMEOUT',
      `${seconds}초 안에 결재되지 않았고, 결재 ${apInfId}의 상신취소에 실패했습니다 (${detail}). 관리자에게 알리세요`,
    );
  }
  log.info({ timeoutSeconds: seconds }, 'no decision in time; withdrawn in Knox');
  return toolError(
    'APPROVAL_TIMEOUT',
    `${seconds}초 안에 결재되지 않아 결재 ${withParticle(apInfId, '을/를')} 상신취소했습니다`,
  );
}
