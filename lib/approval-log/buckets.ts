import type { PendingActionStatus } from '@/db/schema';
import {
  KNOX_STATUS_CODES,
  type KnoxStatus,
  type KnoxStatusOutcome,
  knoxStatusOutcome,
} from '@/lib/knox-api/approval/codes';

/**
 * Which one of the dashboard's groups a document is in: each document is in exactly one. An
 * approved document whose action failed is 실행 실패, not also 승인됨. The counts (SQL), the
 * filter (SQL) and the rows of a list (here) all read this one rule.
 */
export const APPROVAL_BUCKETS = ['wait', 'execute', 'reject', 'failed'] as const;
export type ApprovalBucket = (typeof APPROVAL_BUCKETS)[number];

export const APPROVAL_BUCKET_LABELS: Record<ApprovalBucket, string> = {
  wait: '결재 진행중',
  execute: '승인됨',
  reject: '반려·취소',
  failed: '실행 실패',
};

export const APPROVAL_BUCKET_DESCRIPTIONS: Record<ApprovalBucket, string> = {
  wait: '예약상신·보류·진행중',
  execute: '완결·전결·후완결',
  reject: '반려·상신취소·기한 만료',
  failed: '승인 후 처리 중 오류',
};

/** Action states that put a document in 실행 실패 whatever Knox decided. */
export const FAILED_BUCKET_ACTION_STATUSES = ['failed'] as const satisfies readonly PendingActionStatus[];

/** The Knox statuses of each Knox outcome (the other three buckets). */
export function knoxStatusesOf(outcome: KnoxStatusOutcome): KnoxStatus[] {
  return KNOX_STATUS_CODES.filter((code) => knoxStatusOutcome(code) === outcome);
}

export function approvalBucket(item: {
  knoxStatus: number;
  actionStatus: string | null | undefined;
}): ApprovalBucket {
  if (item.actionStatus && (FAILED_BUCKET_ACTION_STATUSES as readonly string[]).includes(item.actionStatus)) {
    return 'failed';
  }
  return knoxStatusOutcome(item.knoxStatus);
}

export const isApprovalBucket = (value: string): value is ApprovalBucket =>
  (APPROVAL_BUCKETS as readonly string[]).includes(value);
