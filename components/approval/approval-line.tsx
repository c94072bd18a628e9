import { Badge } from '@/components/ui/badge';
import {
  KNOX_LINE_ROLE,
  KNOX_LINE_ROLE_LABELS,
  KNOX_LINE_STATUS,
  KNOX_LINE_STATUS_LABELS,
} from '@/lib/knox-api/approval/codes';
import { KNOX_LINE_STATUS_TONES } from '@/lib/knox-api/approval/status-labels';

interface LineEntry {
  epId: string;
  seq: number;
  role: number;
  aplnStatsCode: number;
  name?: string | null;
  departmentName?: string | null;
  titleName?: string | null;
  opinion?: string | null;
  actPrssDt?: string | null;
}

/** Knox's line entries arrive as numbers or numeric strings; anything unreadable is skipped. */
function readLine(raw: unknown[]): LineEntry[] {
  const entries: LineEntry[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const epId = typeof record.epId === 'string' ? record.epId : null;
    if (!epId) continue;
    const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : null);
    entries.push({
      epId,
      seq: Number(record.seq ?? 0),
      role: Number(record.role ?? 1),
      aplnStatsCode: Number(record.aplnStatsCode ?? 0),
      name: text('name'),
      departmentName: text('departmentName'),
      titleName: text('titleName'),
      opinion: text('opinion'),
      actPrssDt: text('actPrssDt'),
    });
  }
  return entries.sort((a, b) => a.seq - b.seq);
}

/** Knox's yyyyMMddHHmmss → yyyy-MM-dd HH:mm. */
function knoxDate(value: string | null | undefined): string | null {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})/);
  return match ? `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}` : (value ?? null);
}

export function ApprovalLine({ line }: { line: unknown[] }) {
  const entries = readLine(line);
  if (entries.length === 0)
    return <p className="px-5 py-4 text-sm text-slate-500">결재선 정보가 없습니다.</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((entry) => (
        <li key={`${entry.seq}-${entry.epId}`} className="px-5 py-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="min-w-0 text-sm">
              <span className="mr-2 inline-block w-10 text-xs font-semibold text-slate-500">
                {KNOX_LINE_ROLE_LABELS[entry.role] ?? `역할 ${entry.role}`}
              </span>
              <span className="font-medium text-slate-900">{entry.name ?? entry.epId}</span>
              {entry.titleName ? <span className="text-slate-600"> {entry.titleName}</span> : null}
              <span className="ml-2 text-xs text-slate-500">
                {entry.departmentName ? `${entry.departmentName} · ` : ''}
                {entry.epId}
              </span>
            </div>
            <div className="flex items-center gap-2">
              {entry.actPrssDt ? (
                <span className="text-xs text-slate-500">{knoxDate(entry.actPrssDt)}</span>
              ) : null}
              <Badge tone={KNOX_LINE_STATUS_TONES[entry.aplnStatsCode] ?? 'neutral'}>
                {entry.role === KNOX_LINE_ROLE.DRAFTER && entry.aplnStatsCode === KNOX_LINE_STATUS.PENDING
                  ? '상신'
                  : (KNOX_LINE_STATUS_LABELS[entry.aplnStatsCode] ?? `코드 ${entry.aplnStatsCode}`)}
              </Badge>
            </div>
          </div>
          {entry.opinion ? (
            <p
              className="mt-1.5 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"
              data-testid="line-opinion"
            >
              의견: {entry.opinion}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
