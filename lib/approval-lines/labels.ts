import type { LinePositionKind } from '@/db/schema/approval-line-entries';
import { KNOX_LINE_ROLE_LABELS, LINE_ROLE_CODES } from '@/lib/knox-api/approval/codes';
import type { ApprovalLineRole } from '@/lib/knox-api/approval/types';

/** Korean label of a line role (결재, 합의, 통보, …), from Knox's own role table. */
export const lineRoleLabel = (role: ApprovalLineRole): string =>
  KNOX_LINE_ROLE_LABELS[LINE_ROLE_CODES[role]] ?? role;

/** Korean label of where a rule's required approver comes from. */
export const POSITION_KIND_LABELS: Record<LinePositionKind, string> = {
  manager: '요청자의 상급자',
  manager_of_manager: '상급자의 상급자',
  department_title: '부서의 직책자',
};

/** "요청자의 상급자 (팀장)" or "품질경영팀 팀장": the position a rule entry names. */
export function positionLabel(entry: { kind: LinePositionKind; title: string; department?: string }) {
  if (entry.kind === 'department_title') return `${entry.department ?? ''} ${entry.title}`.trim();
  return `${POSITION_KIND_LABELS[entry.kind]} (${entry.title})`;
}
