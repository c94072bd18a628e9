import { actionStatusLabel } from '@/lib/approval/labels';
import { knoxStatusLabel } from '@/lib/knox-api/approval/status-labels';
import { kstDateTime } from '@/lib/time/kst';
import { APPROVAL_BUCKET_LABELS, approvalBucket } from './buckets';
import type { ApprovalListItem } from './queries';

/** Excel reads a UTF-8 CSV as UTF-8 (Korean intact) only when it starts with the byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (CSV injection): = + - @ at the start, or a tab or
 * carriage return that some read as one. Such a cell gets a leading apostrophe, shown as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 lines (CRLF), with the BOM first. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = rows.map((row) => row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

const time = (value: Date | null | undefined) => (value ? kstDateTime(value) : '');

export const APPROVAL_CSV_HEADERS = [
  '문서 ID',
  '제목',
  '요청 작업',
  '구분',
  'Knox 상태',
  '처리 상태',
  '요청자',
  '요청자 EP ID',
  '상신일시',
  '결정일시',
  '실행일시',
  '오류 메시지',
] as const;

/** The 결재 현황 rows as the CSV export writes them: Korean headers and labels, KST times. */
export function approvalCsv(
  items: readonly ApprovalListItem[],
  actionTitle: (type: string) => string,
): string {
  return toCsv([
    APPROVAL_CSV_HEADERS,
    ...items.map((item) => [
      item.apInfId,
      item.title,
      item.action ? actionTitle(item.action.actionType) : '',
      APPROVAL_BUCKET_LABELS[
        approvalBucket({ knoxStatus: item.knoxStatus, actionStatus: item.action?.status })
      ],
      knoxStatusLabel(item.knoxStatus),
      item.action ? actionStatusLabel(item.action.status) : '',
      item.requesterName ?? '',
      item.requesterEpId,
      time(item.submittedAt ?? item.createdAt),
      time(item.decidedAt),
      time(item.action?.executedAt),
      item.action?.errorMessage ?? '',
    ]),
  ]);
}
