import { z } from 'zod';
import type { Tx } from '@/db';
import type { SafeHtml } from './document/safe-html';

export type { SafeHtml } from './document/safe-html';

/** A value for a `{{변수}}` placeholder: plain values are escaped, SafeHtml is inserted as is. */
export type TemplateValue = string | number | boolean | Date | null | undefined | SafeHtml;

import { RISK_LEVELS, type RiskLevel } from '@/db/schema/agents';

export { RISK_LEVELS, type RiskLevel };

const approverSchema = z.union([
  z.string().trim().min(1, { message: '결재자 EP ID가 비어 있습니다' }),
  z.object({
    epId: z.string().trim().min(1, { message: '결재자 EP ID가 비어 있습니다' }),
    role: z.enum(['approve', 'agree', 'notify', 'post_approve']).optional(),
    arbitrary: z.boolean().optional(),
  }),
]);

export const approvalConfigSchema = z.object({
  title: z.string().trim().min(1, { message: '결재 제목을 입력하세요' }).max(200),
  description: z.string().optional(),
  templateName: z.string().trim().min(1, { message: '결재 템플릿 이름이 없습니다' }),
  variables: z.record(z.string(), z.custom<TemplateValue>()),
  approvers: z.array(approverSchema).optional(),
  currentUser: z.object({
    id: z.string().min(1),
    epId: z.string().nullable(),
    email: z.string().optional(),
    name: z.string().optional(),
  }),
  urgent: z.boolean().optional(),
  replaces: z.string().trim().min(1).max(32).optional(),
});

export interface ApprovalConfig {
  title: string;
  description?: string;
  templateName: string;
  variables: Record<string, TemplateValue>;
  /** EP IDs, in order; the line Knox routes the document along. */
  approvers?: Array<
    string | { epId: string; role?: 'approve' | 'agree' | 'notify' | 'post_approve'; arbitrary?: boolean }
  >;
  currentUser: { id: string; epId: string | null; email?: string; name?: string };
  urgent?: boolean;
  /**
   * 다시 요청: the Knox id of the requester's own ended (rejected, withdrawn, expired) approval of
   * the same action type that this one replaces. withApproval checks all of that itself.
   */
  replaces?: string;
}

export type WithApprovalResult =
  | { approvalId: string; status: 'pending_approval'; warnings: string[] }
  | { approvalId: string; status: 'executed'; bypassed: true; result: unknown; warnings: string[] };

/** Who caused a state change: a user id, or a system actor such as `system:poller`. */
export interface ActionActor {
  id: string;
}

export interface ActionContext {
  /** The transaction that also records the action's new status: write through it. */
  tx: Tx;
  /** The Knox document id: use it as the idempotency key towards outside systems. */
  apInfId: string;
  actor: ActionActor;
  pendingActionId: number;
}

type ActionExecute<P = unknown> = (payload: P, ctx: ActionContext) => Promise<unknown> | unknown;

export interface ActionHandlerDefinition<P = unknown> {
  execute: ActionExecute<P>;
  /** Undoes `prepare` (and anything else done before the decision) on reject, withdraw, expiry, refusal. */
  compensate?: (payload: P, ctx: ActionContext) => Promise<void> | void;
  /** Runs inside the withApproval transaction, before the Knox submit (e.g. vendor → registration_pending). */
  prepare?: (payload: P, ctx: ActionContext) => Promise<void> | void;
  risk?: RiskLevel;
  /** Korean label for admin pages. */
  title?: string;
}

export type ActionHandler<P = unknown> = ActionExecute<P> | ActionHandlerDefinition<P>;

export interface RegisteredHandlerInfo {
  actionType: string;
  risk: RiskLevel;
  title?: string;
}

export type DecisionOutcome =
  | { outcome: 'executed'; result: unknown }
  | { outcome: 'rejected' | 'withdrawn' | 'expired'; opinion: string | null }
  | { outcome: 'failed'; error: string }
  | { outcome: 'timeout' };

export interface WaitForDecisionOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (progress: { apInfId: string; knoxStatus: number | null; elapsedMs: number }) => void;
}

export interface PollSummary {
  checked: number;
  updated: number;
  executed: number;
  rejected: number;
  failed: number;
}

export interface PollerState {
  lastRunAt: Date | null;
  lastSummary: Record<string, unknown> | null;
  lastError: string | null;
  nextRunAt: Date | null;
  holder: string | null;
  cron: string;
}

/**
 * The approval line a request may send: EP IDs in order (or entries with a role). Optional: the
 * line policy (approval-line rules) fills in the line when the caller names none.
 */
export const approversInputSchema = z
  .array(approverSchema)
  .max(20, { message: '결재자는 20명까지 지정할 수 있습니다' })
  .optional();

/** The `replaces` field of a request (다시 요청): the Knox id of the ended approval it replaces. */
export const replacesInputSchema = z
  .string()
  .trim()
  .min(1, { message: '다시 요청할 결재 ID가 올바르지 않습니다' })
  .max(32, { message: '다시 요청할 결재 ID가 올바르지 않습니다' })
  .optional();

/** The requester as domain actions receive it (the signed-in user). */
export type ApprovalRequester = ApprovalConfig['currentUser'];
