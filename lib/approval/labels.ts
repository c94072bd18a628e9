import type { PendingActionStatus } from '@/db/schema/knox/pending-actions';
import type { Tone } from '@/lib/tone';

/**
 * The action's own state in Korean, read by the web pages, the CLI and the admin screens alike.
 * `반려 처리` / `취소 처리` rather than `반려` / `상신취소`: the Knox status badge beside it already says
 * what Knox decided; this one says what the portal did about it (compensated, nothing executed).
 */
export const ACTION_STATUS_LABELS: Record<PendingActionStatus, string> = {
  pending: '결재 대기',
  submit_unknown: '상신 확인중',
  executing: '실행중',
  executed: '실행 완료',
  rejected: '반려 처리',
  withdrawn: '취소 처리',
  expired: '기한 만료',
  failed: '실행 실패',
  resolved: '수동 종결',
};

export const ACTION_STATUS_TONES: Record<PendingActionStatus, Tone> = {
  pending: 'info',
  submit_unknown: 'warning',
  executing: 'accent',
  executed: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  expired: 'neutral',
  failed: 'danger',
  resolved: 'highlight',
};

/** The label of a status read from outside the type system (a URL, JSON); unknown ones show as is. */
export function actionStatusLabel(status: string): string {
  return Object.hasOwn(ACTION_STATUS_LABELS, status)
    ? ACTION_STATUS_LABELS[status as PendingActionStatus]
    : status;
}

/**
 * The counts of one poller cycle (POST /api/poll, `approvals poll`, /admin/system). `rejected`
 * counts every document that ended without executing: 반려, 상신취소 and 기한 만료.
 */
export const POLL_SUMMARY_LABELS = {
  checked: '확인',
  updated: '상태 변경',
  executed: '실행',
  rejected: '반려/취소',
  failed: '실패',
} as const;
