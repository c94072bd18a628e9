import type { PendingActionStatus } from '@/db/schema';
import { KNOX_STATUS, type KnoxStatus, knoxStatusOutcome } from '@/lib/knox-api/approval';

/** Actors of changes nobody clicked. */
export const SYSTEM_ACTORS = {
  workflow: { id: 'system:workflow' },
  poller: { id: 'system:poller' },
  waiter: { id: 'system:live-poll' },
} as const;

/** States in which a Knox document is still open and nothing has run yet. */
export const OPEN_STATUSES = ['pending', 'submit_unknown'] as const satisfies readonly PendingActionStatus[];

/** Closed states whose document the poller still follows while its submit was never confirmed. */
export const CLOSED_UNCONFIRMED = ['withdrawn', 'expired'] as const satisfies readonly PendingActionStatus[];

export const isOpenStatus = (status: string): boolean =>
  (OPEN_STATUSES as readonly string[]).includes(status);

/** The Knox status a new document is recorded with until Knox reports another. */
export const KNOX_SUBMITTED_STATUS = KNOX_STATUS.IN_PROGRESS;

/** The Knox status our own 상신취소 (withdraw, expiry, orphan cancel) records on the document. */
export const KNOX_CANCELLED_STATUS = KNOX_STATUS.WITHDRAWN;

/** Knox statuses that end a document: approved in some form, rejected or withdrawn. */
export const KNOX_DECIDED_STATUSES: readonly KnoxStatus[] = [
  KNOX_STATUS.COMPLETED,
  KNOX_STATUS.REJECTED,
  KNOX_STATUS.WITHDRAWN,
  KNOX_STATUS.ARBITRARY_COMPLETED,
  KNOX_STATUS.POST_COMPLETED,
];

/** A Knox status that closes the action without running it: 반려 or 상신취소. */
export type KnoxRefusalStatus = typeof KNOX_STATUS.REJECTED | typeof KNOX_STATUS.WITHDRAWN;

/** True when Knox's status means the document is decided (no longer waiting for approvers). */
export const isKnoxDecided = (status: number): boolean => knoxStatusOutcome(status) !== 'wait';

/** What one document's check led to. */
export type DocumentOutcome = 'executed' | 'rejected' | 'failed' | 'expired' | 'waiting' | 'settled' | 'none';

/**
 * The `approval_events.event_type` values the engine writes (the SQL moves in transitions/ write
 * the same names inline).
 */
export const APPROVAL_EVENTS = {
  created: 'created',
  submitted: 'submitted',
  submitRefused: 'submit_refused',
  submitUnknown: 'submit_unknown',
  orphanCancelled: 'orphan_cancelled',
  executionClaimed: 'execution_claimed',
  retryClaimed: 'retry_claimed',
  executed: 'executed',
  executionFailed: 'execution_failed',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  expired: 'expired',
  knoxDocumentMissing: 'knox_document_missing',
  compensationFailed: 'compensation_failed',
  resolved: 'resolved',
  bypassed: 'bypassed',
  /** An approver's act read from Knox's line (one per act, see transitions/record-line.ts). */
  approverActed: 'approver_acted',
} as const;
export type ApprovalEventType = (typeof APPROVAL_EVENTS)[keyof typeof APPROVAL_EVENTS];
