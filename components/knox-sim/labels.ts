import {
  KNOX_LINE_ROLE,
  KNOX_LINE_ROLE_LABELS,
  KNOX_LINE_STATUS,
  KNOX_LINE_STATUS_LABELS,
  KNOX_STATUS,
} from '@/lib/knox-api/approval/codes';
import { tryParseKnoxDateTime } from '@/lib/knox-api/approval/date-time';
import { KNOX_LINE_STATUS_TONES } from '@/lib/knox-api/approval/status-labels';
import { formatDateTime, kstDate } from '@/lib/time/kst';
import type { Tone } from '@/lib/tone';

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
): { label: string; tone: Tone } {
  if (line.role === KNOX_LINE_ROLE.DRAFTER)
    return { label: documentStatus === KNOX_STATUS.WITHDRAWN ? '상신취소' : '상신', tone: 'accent' };
  if (line.role === KNOX_LINE_ROLE.NOTIFY)
    return line.docArvDt ? { label: '통보됨', tone: 'neutral' } : { label: '통보 예정', tone: 'neutral' };
  const tone = KNOX_LINE_STATUS_TONES[line.aplnStatsCode] ?? 'neutral';
  switch (line.aplnStatsCode) {
    case KNOX_LINE_STATUS.APPROVED:
    case KNOX_LINE_STATUS.AUTO_APPROVED:
      return { label: AGREEING_ROLES.has(line.role) ? '합의' : '승인', tone };
    case KNOX_LINE_STATUS.REJECTED:
    case KNOX_LINE_STATUS.AUTO_REJECTED:
    case KNOX_LINE_STATUS.ARBITRARY:
      return { label: KNOX_LINE_STATUS_LABELS[line.aplnStatsCode]!, tone };
  }
  if (turnIds.has(line.id))
    return documentStatus === KNOX_STATUS.ON_HOLD
      ? { label: '보류', tone: 'warning' }
      : { label: '결재 대기', tone: 'info' };
  if (ENDED_STATUSES.has(documentStatus)) return { label: '미결', tone: 'neutral' };
  return { label: '대기 전', tone: 'neutral' };
}

const AGREEING_ROLES: ReadonlySet<number> = new Set([KNOX_LINE_ROLE.AGREE, KNOX_LINE_ROLE.PARALLEL_AGREE]);

/** A document in these statuses will not come to the entries that had not acted: they stay 미결. */
const ENDED_STATUSES: ReadonlySet<number> = new Set([
  KNOX_STATUS.COMPLETED,
  KNOX_STATUS.REJECTED,
  KNOX_STATUS.WITHDRAWN,
  KNOX_STATUS.ARBITRARY_COMPLETED,
]);

/** Knox's `yyyyMMddHHmmss` in the portal's one format, `2026-11-21 14:05`; `—` when absent or unreadable. */
export function formatKnoxTime(text: string | null | undefined): string {
  return formatDateTime(tryParseKnoxDateTime(text));
}

/** Short form for lists: today → 14:05, otherwise the date, 2026-11-20. */
export function formatKnoxShort(text: string | null | undefined, now = new Date()): string {
  const date = tryParseKnoxDateTime(text);
  if (!date) return '—';
  const [day, time] = formatDateTime(date).split(' ');
  return day === kstDate(now) ? time! : day!;
}
