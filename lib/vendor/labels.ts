import type { BadgeTone } from '@/components/ui/badge';
import type { PqSubmissionStatus, VendorStatus } from '@/db/schema';

export const VENDOR_STATUS_LABELS: Record<VendorStatus, string> = {
  draft: '가입신청',
  pq_submitted: 'PQ 제출',
  pq_approved: 'PQ 승인',
  registration_pending: '등록 결재중',
  regular: '정규업체',
  suspension_pending: '거래정지 결재중',
  suspended: '거래정지',
};

export const VENDOR_STATUS_TONES: Record<VendorStatus, BadgeTone> = {
  draft: 'gray',
  pq_submitted: 'blue',
  pq_approved: 'indigo',
  registration_pending: 'amber',
  regular: 'green',
  suspension_pending: 'amber',
  suspended: 'red',
};

export const PQ_STATUS_LABELS: Record<PqSubmissionStatus, string> = {
  submitted: '제출',
  under_review: '심사중',
  investigation_requested: '실사 결재중',
  investigation_in_progress: '실사 진행중',
  investigation_completed: '실사 완료',
  approved: '승인',
  rejected: '반려',
};

export const INVESTIGATION_STATUS_LABELS: Record<string, string> = {
  requested: '의뢰됨',
  scheduled: '일정 확정',
  completed: '완료',
  cancelled: '취소',
};

export const INVESTIGATION_RESULT_LABELS: Record<string, string> = {
  pass: '적합',
  conditional_pass: '조건부 적합',
  fail: '부적합',
};
