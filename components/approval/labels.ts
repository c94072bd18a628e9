export const EVENT_TYPE_LABELS: Record<string, string> = {
  created: '결재 요청 생성',
  submitted: 'Knox 상신',
  submit_refused: 'Knox 상신 거부',
  submit_unknown: '상신 결과 확인 필요',
  status_changed: 'Knox 상태 변경',
  claimed: '실행 시작',
  execution_claimed: '실행 시작',
  knox_document_missing: 'Knox에 문서 없음',
  retry_claimed: '재실행 시작',
  claim_released: '실행 선점 해제',
  executed: '실행 완료',
  execution_failed: '실행 실패',
  compensation_failed: '원상복구 실패',
  rejected: '반려',
  withdrawn: '상신취소',
  expired: '기한 만료',
  resolved: '수동 종결',
  bypassed: '결재 생략 실행',
  approver_acted: '결재자 처리',
};

export const eventTypeLabel = (eventType: string) => EVENT_TYPE_LABELS[eventType] ?? eventType;
