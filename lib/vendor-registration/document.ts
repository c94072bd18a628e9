import { defineApprovalDocument, REQUESTER_VARIABLES } from '@/lib/approval';

/** The 정규업체 등록 document: its template and the placeholders requestRegularRegistration fills. */
export const REGULAR_REGISTRATION_DOCUMENT = defineApprovalDocument('정규업체 등록', [
  ...REQUESTER_VARIABLES,
  '협력업체명',
  '업체정보',
  '심사이력',
  '거래품목',
  '등록사유',
]);
