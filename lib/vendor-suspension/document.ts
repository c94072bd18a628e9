import { defineApprovalDocument, REQUESTER_VARIABLES } from '@/lib/approval';

/** The 거래정지 document: its template and the placeholders requestVendorSuspension fills. */
export const SUSPENSION_DOCUMENT = defineApprovalDocument('협력업체 거래정지', [
  ...REQUESTER_VARIABLES,
  '협력업체명',
  '업체정보',
  '정지사유',
]);
