/** Korean names of audit event kinds; an unknown kind is shown as it is stored. */
export const AUDIT_KIND_LABELS: Record<string, string> = {
  sign_in_failed: '로그인 실패',
  vendor_status_corrected: '업체 상태 정정',
  template_version_restored: '결재 양식 버전 복원',
  approval_line_rule_changed: '결재선 규칙 변경',
};

export const auditKindLabel = (kind: string) => AUDIT_KIND_LABELS[kind] ?? kind;
