import type { BadgeTone } from '@/components/ui/badge';
import {
  KNOX_LINE_ROLE_LABELS,
  KNOX_LINE_STATUS_LABELS,
  KNOX_STATUS_LABELS,
  type KnoxStatus,
} from '@/lib/knox-api/approval/codes';
import { parseKnoxDateTime } from '@/lib/knox-simulator/datetime';

export const statusLabel = (status: number) => KNOX_STATUS_LABELS[status as KnoxStatus] ?? `상태 ${status}`;

export function statusTone(status: number): BadgeTone {
  switch (status) {
    case 1:
      return 'blue';
    case 0:
      return 'amber';
    case 2:
    case 6:
      return 'green';
    case 5:
      return 'violet';
    case 3:
      return 'red';
    default:
      return 'gray';
  }
}

export const roleLabel = (role: number) => KNOX_LINE_ROLE_LABELS[role] ?? `역할 ${role}`;

export interface LineLike {
  id: number;
  role: number;
  aplnStatsCode: number;
  docArvDt: string | null;
  actPrssDt: string | null;
}

/** How an entry of the line reads to a person: 상신, 결재 대기, 보류, 승인, … */
export function lineStateLabel(
  line: LineLike,
  documentStatus: number,
  turnIds: ReadonlySet<number>,
): { label: string; tone: BadgeTone } {
  if (line.role === 0) return { label: documentStatus === 4 ? '상신취소' : '상신', tone: 'indigo' };
  if (line.role === 9)
    return line.docArvDt ? { label: '통보됨', tone: 'gray' } : { label: '통보 예정', tone: 'gray' };
  switch (line.aplnStatsCode) {
    case 1:
    case 5:
      return { label: line.role === 2 || line.role === 4 ? '합의' : '승인', tone: 'green' };
    case 2:
    case 6:
      return { label: KNOX_LINE_STATUS_LABELS[line.aplnStatsCode]!, tone: 'red' };
    case 3:
      return { label: '전결', tone: 'violet' };
  }
  if (turnIds.has(line.id))
    return documentStatus === 0 ? { label: '보류', tone: 'amber' } : { label: '결재 대기', tone: 'blue' };
  if ([2, 3, 4, 5].includes(documentStatus)) return { label: '미결', tone: 'gray' };
  return { label: '대기 전', tone: 'gray' };
}

/** `yyyyMMddHHmmss` (GMT+9) → `2026.11.21 14:05`. */
export function formatKnoxTime(text: string | null | undefined): string {
  const match = text ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(text) : null;
  return match ? `${match[1]}.${match[2]}.${match[3]} ${match[4]}:${match[5]}` : '—';
}

/** `yyyyMMddHHmmss` → `11.21 14:05` (the approval line's columns). */
export function formatKnoxMonthTime(text: string | null | undefined): string {
  const match = text ? /^\d{4}(\d{2})(\d{2})(\d{2})(\d{2})/.exec(text) : null;
  return match ? `${match[1]}.${match[2]} ${match[3]}:${match[4]}` : '—';
}

/** Short form for lists: today → 14:05, otherwise 11.20. */
export function formatKnoxShort(text: string | null | undefined, now = new Date()): string {
  const date = parseKnoxDateTime(text);
  if (!date || !text) return '—';
  const kstToday = new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return text.startsWith(kstToday)
    ? `${text.slice(8, 10)}:${text.slice(10, 12)}`
    : `${text.slice(4, 6)}.${text.slice(6, 8)}`;
}
