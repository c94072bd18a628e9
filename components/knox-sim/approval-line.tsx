import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { KNOX_LINE_ROLE, KNOX_LINE_STATUS } from '@/lib/knox-api/approval/codes';
import type { SimLineView } from '@/lib/knox-simulator/simulator';
import { currentTurn } from '@/lib/knox-simulator/transitions';
import { formatKnoxTime, lineStateLabel, roleLabel } from './labels';

const turnIdsOf = (lines: SimLineView[], status: number) =>
  new Set(currentTurn(status, lines).map((line) => line.id));

/** The 결재란 of a Korean approval document: one box per signing entry, stamped once it acted. */
export function ApprovalStamps({ lines, status }: { lines: SimLineView[]; status: number }) {
  const turn = turnIdsOf(lines, status);
  const signing = lines.filter((line) => line.role !== KNOX_LINE_ROLE.NOTIFY);
  return (
    <ul className="flex flex-wrap gap-0 overflow-hidden" aria-label="결재란">
      {signing.map((line) => {
        const state = lineStateLabel(line, status, turn);
        const stamped = line.actPrssDt !== null && line.aplnStatsCode !== KNOX_LINE_STATUS.PENDING;
        return (
          <li key={line.id} className="-ml-px w-24 border border-slate-300 bg-white text-center first:ml-0">
            <div className="border-b border-slate-300 bg-slate-50 py-1 text-xs text-slate-600">
              {roleLabel(line.role)}
            </div>
            <div className="flex h-14 items-center justify-center">
              {stamped ? (
                <span
                  className={cn(
                    'rounded-full border-2 px-2 py-0.5 text-xs font-bold',
                    state.tone === 'danger'
                      ? 'border-rose-600 text-rose-700'
                      : state.tone === 'highlight'
                        ? 'border-violet-500 text-violet-700'
                        : 'border-rose-500 text-rose-700',
                  )}
                >
                  {line.role === KNOX_LINE_ROLE.DRAFTER ? '상신' : state.label}
                </span>
              ) : (
                <span
                  className={cn(
                    'text-xs',
                    turn.has(line.id) ? 'font-semibold text-sky-700' : 'text-slate-600',
                  )}
                >
                  {state.label}
                </span>
              )}
            </div>
            <div className="border-t border-slate-200 px-1 py-1 text-xs">
              <div className="truncate font-medium text-slate-800">{line.name ?? line.epId}</div>
              <div className="text-[11px] text-slate-500">
                {line.actPrssDt ? formatKnoxTime(line.actPrssDt) : '\u00a0'}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Every entry with its role, state, times and opinion. */
export function ApprovalLineTable({ lines, status }: { lines: SimLineView[]; status: number }) {
  const turn = turnIdsOf(lines, status);
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on a narrow screen, and a keyboard must be able to scroll it
      tabIndex={0}
      aria-label="결재선 표"
      className="overflow-x-auto"
    >
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-xs text-slate-500">
          <tr>
            <th className="whitespace-nowrap px-4 py-2 text-left font-medium">순서</th>
            <th className="px-2 py-2 text-left font-medium">구분</th>
            <th className="px-2 py-2 text-left font-medium">결재자</th>
            <th className="px-2 py-2 text-left font-medium">상태</th>
            <th className="px-2 py-2 text-left font-medium">도착</th>
            <th className="px-2 py-2 text-left font-medium">열람</th>
            <th className="px-2 py-2 text-left font-medium">처리</th>
            <th className="px-4 py-2 text-left font-medium">의견</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => {
            const state = lineStateLabel(line, status, turn);
            return (
              <tr
                key={line.id}
                className={cn(turn.has(line.id) && 'bg-sky-50/70')}
                data-testid={`line-${line.epId}`}
              >
                <td className="px-4 py-2.5 text-slate-500">{line.seq}</td>
                <td className="px-2 py-2.5 whitespace-nowrap">
                  {roleLabel(line.role)}
                  {line.arbPmtYn === 'Y' && <span className="ml-1 text-xs text-violet-600">(전결권)</span>}
                </td>
                <td className="whitespace-nowrap px-2 py-2.5">
                  <div className="font-medium text-slate-900">
                    {line.name ?? line.epId}{' '}
                    <span className="font-normal text-slate-500">{line.titleName ?? ''}</span>
                  </div>
                  <div className="text-xs text-slate-500">
                    {line.departmentName ?? '—'} · {line.epId}
                  </div>
                </td>
                <td className="px-2 py-2.5">
                  <Badge tone={state.tone}>{state.label}</Badge>
                </td>
                <td className="px-2 py-2.5 whitespace-nowrap text-xs text-slate-600">
                  {formatKnoxTime(line.docArvDt)}
                </td>
                <td className="px-2 py-2.5 whitespace-nowrap text-xs text-slate-600">
                  {formatKnoxTime(line.docOpenDt)}
                </td>
                <td className="px-2 py-2.5 whitespace-nowrap text-xs text-slate-600">
                  {formatKnoxTime(line.actPrssDt)}
                </td>
                <td className="min-w-40 max-w-xs px-4 py-2.5 text-slate-700 whitespace-pre-wrap break-words">
                  {line.opinion ?? <span className="text-slate-300">—</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
