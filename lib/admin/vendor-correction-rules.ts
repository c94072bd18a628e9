import type { VendorStatus } from '@/db/schema';

/**
 * States an admin may set by hand to fix master data that went out of step (for example after an
 * approval failed). Regular and suspended are never set by hand: only an approved Knox document
 * makes a vendor regular (with its code) or suspends it.
 */
export const CORRECTABLE_VENDOR_STATUSES = [
  'draft',
  'pq_submitted',
  'pq_approved',
  'registration_pending',
] as const satisfies readonly VendorStatus[];
export type CorrectableVendorStatus = (typeof CORRECTABLE_VENDOR_STATUSES)[number];

/** What the vendor's own records say, on which each correctable state depends. */
export interface CorrectionEvidence {
  pqSubmissions: number;
  approvedPqSubmissions: number;
  openRegistrations: number;
}

/**
 * Why a state is not supported by the vendor's records (Korean, shown to the admin), or null when
 * it is. A correction may only put a vendor where its data says it could be: the registration
 * document states that the vendor passed PQ, so pq_approved needs an approved PQ submission.
 */
export function correctionRefusal(to: VendorStatus, evidence: CorrectionEvidence): string | null {
  switch (to) {
    case 'draft':
      return evidence.pqSubmissions === 0
        ? null
        : 'PQ 제출 이력이 있는 업체는 가입신청 상태로 되돌릴 수 없습니다.';
    case 'pq_submitted':
      return evidence.pqSubmissions > 0 ? null : '제출된 PQ가 없어 PQ 제출 상태로 정정할 수 없습니다.';
    case 'pq_approved':
      return evidence.approvedPqSubmissions > 0
        ? null
        : '승인된 PQ 심사가 없어 PQ 승인 상태로 정정할 수 없습니다.';
    case 'registration_pending':
      if (evidence.approvedPqSubmissions === 0) {
        return '승인된 PQ 심사가 없어 등록 진행 상태로 정정할 수 없습니다.';
      }
      return evidence.openRegistrations > 0
        ? null
        : '진행 중인 정규업체 등록 결재가 없어 등록 진행 상태로 정정할 수 없습니다.';
    default:
      return '정규업체·거래정지 상태는 결재로만 바뀝니다. 관리자 정정 대상이 아닙니다.';
  }
}

/** The states a correction may move this vendor to, each with the reason when it may not. */
export function correctionOptions(
  current: VendorStatus,
  evidence: CorrectionEvidence,
): Array<{ status: CorrectableVendorStatus; refusal: string | null }> {
  return CORRECTABLE_VENDOR_STATUSES.filter((status) => status !== current).map((status) => ({
    status,
    refusal: correctionRefusal(status, evidence),
  }));
}

export const isCorrectableStatus = (status: string): status is CorrectableVendorStatus =>
  (CORRECTABLE_VENDOR_STATUSES as readonly string[]).includes(status);
