import type {
  INVESTIGATION_RESULTS,
  INVESTIGATION_STATUSES,
  PqSubmissionStatus,
  VendorStatus,
} from '@/db/schema/vendors';
import type { Tone } from '@/lib/tone';

type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];
type InvestigationResult = (typeof INVESTIGATION_RESULTS)[number];

export const VENDOR_STATUS_LABELS: Record<VendorStatus, string> = {
  draft: '가입신청',
  pq_submitted: 'PQ 제출',
  pq_approved: 'PQ 승인',
  registration_pending: '등록 결재중',
  regular: '정규업체',
  suspension_pending: '거래정지 결재중',
  suspended: '거래정지',
};

export const VENDOR_STATUS_TONES: Record<VendorStatus, Tone> = {
  draft: 'neutral',
  pq_submitted: 'info',
  pq_approved: 'accent',
  registration_pending: 'warning',
  regular: 'success',
  suspension_pending: 'warning',
  suspended: 'danger',
};

/**
 * The pages and the 정규업체 등록 document both read these. `실사 결재중`: a PQ enters
 * investigation_requested when the 실사의뢰 is submitted and leaves it when Knox decides, so the
 * state is "waiting for the approval", like 등록 결재중 and 거래정지 결재중 above.
 */
export const PQ_STATUS_LABELS: Record<PqSubmissionStatus, string> = {
  submitted: '제출',
  under_review: '심사중',
  investigation_requested: '실사 결재중',
  investigation_in_progress: '실사 진행중',
  investigation_completed: '실사 완료',
  approved: '승인',
  rejected: '반려',
};

export const INVESTIGATION_STATUS_LABELS: Record<InvestigationStatus, string> = {
  requested: '의뢰됨',
  scheduled: '일정 확정',
  completed: '완료',
  cancelled: '취소',
};

export const INVESTIGATION_KIND_LABELS: Record<'initial' | 'rerequest', string> = {
  initial: '실사의뢰',
  rerequest: '재의뢰',
};

export const INVESTIGATION_RESULT_LABELS: Record<InvestigationResult, string> = {
  pass: '적합',
  conditional_pass: '조건부 적합',
  fail: '부적합',
};

export const INVESTIGATION_RESULT_TONES: Record<InvestigationResult, Tone> = {
  pass: 'success',
  conditional_pass: 'warning',
  fail: 'danger',
};
