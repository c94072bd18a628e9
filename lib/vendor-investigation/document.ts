import { defineApprovalDocument, REQUESTER_VARIABLES } from '@/lib/approval';

/** The PQ 실사의뢰 document: its template and the placeholders requestPqInvestigation fills. */
export const INVESTIGATION_DOCUMENT = defineApprovalDocument('PQ 실사의뢰', [
  ...REQUESTER_VARIABLES,
  '협력업체명',
  '업체정보',
  '실사정보',
  '평가항목',
  '의뢰사유',
  'QM담당자',
]);

/** The PQ 실사 재의뢰 document: its template and the placeholders reRequestPqInvestigation fills. */
export const REINVESTIGATION_DOCUMENT = defineApprovalDocument('PQ 실사 재의뢰', [
  ...REQUESTER_VARIABLES,
  '협력업체명',
  '업체정보',
  '이전실사',
  '실사정보',
  '재의뢰사유',
  'QM담당자',
]);
