import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/components/ui/format';
import type { ApprovalLineRow } from '@/lib/approval-log/approval-line-view';

/** The approval-line card's list; rows come from approvalLineRows (drafter first, Korean labels). */
export function ApprovalLine({ rows }: { rows: ApprovalLineRow[] }) {
  return (
    <ol className="divide-y divide-slate-100" data-testid="approval-line">
      {rows.map((entry) => (
        <li key={entry.key} className="px-5 py-3" data-testid="line-entry">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="min-w-0 text-sm">
              <span className="mr-2 inline-block min-w-10 text-xs font-semibold text-slate-500">
                {entry.roleLabel}
              </span>
              <span className="font-medium text-slate-900">{entry.name}</span>
              {entry.titleName ? <span className="text-slate-600"> {entry.titleName}</span> : null}
              <span className="ml-2 text-xs text-slate-500">
                {entry.departmentName ? `${entry.departmentName} · ` : ''}
                {entry.epId}
              </span>
            </div>
            <div className="flex items-center gap-2">
              {entry.actedAt ? (
                <span className="text-xs text-slate-500">{formatDateTime(entry.actedAt)}</span>
              ) : null}
              <Badge tone={entry.tone}>{entry.statusLabel}</Badge>
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
