import { cn } from '@/components/ui/cn';
import type { DiffLine } from '@/lib/admin/template-diff';

const MARK: Record<DiffLine['kind'], { sign: string; spoken: string; row: string }> = {
  added: { sign: '+', spoken: '추가', row: 'bg-emerald-50 text-emerald-900' },
  removed: { sign: '−', spoken: '삭제', row: 'bg-rose-50 text-rose-900' },
  same: { sign: ' ', spoken: '같음', row: 'text-slate-700' },
};

/**
 * A line diff as a table: old and new line numbers, a +/− sign, the line. Colour is only a second
 * cue: the sign is there for the eye and a spoken 추가/삭제 for a screen reader.
 */
export function TemplateDiffView({ lines, caption }: { lines: readonly DiffLine[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse font-mono text-xs" data-testid="template-diff">
        <caption className="sr-only">{caption}</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">이전 줄</th>
            <th scope="col">현재 줄</th>
            <th scope="col">변경</th>
            <th scope="col">내용</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const mark = MARK[line.kind];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed diff, never reordered
              <tr key={index} className={mark.row} data-kind={line.kind}>
                <td className="w-10 select-none px-2 text-right text-slate-600">{line.oldNumber ?? ''}</td>
                <td className="w-10 select-none px-2 text-right text-slate-600">{line.newNumber ?? ''}</td>
                <td className="w-6 select-none px-1 text-center font-bold">
                  <span aria-hidden="true">{mark.sign}</span>
                  <span className="sr-only">{mark.spoken}</span>
                </td>
                <td
                  className={cn(
                    'whitespace-pre-wrap break-all px-2 py-0.5',
                    line.kind === 'same' ? '' : 'font-medium',
                  )}
                >
                  {line.text || '\u00a0'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
