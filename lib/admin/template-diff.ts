import { diffLines } from 'diff';

export type DiffLineKind = 'added' | 'removed' | 'same';

export interface DiffLine {
  kind: DiffLineKind;
  /** Line number in the older text (removed and same lines). */
  oldNumber: number | null;
  /** Line number in the newer text (added and same lines). */
  newNumber: number | null;
  text: string;
}

/** A line-by-line diff of two versions of a template, `from` → `to`, for reading side by side with numbers. */
export function templateLineDiff(from: string, to: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const change of diffLines(from, to, { ignoreNewlineAtEof: true, stripTrailingCr: true })) {
    const texts = change.value.replace(/\n$/, '').split('\n');
    for (const text of texts) {
      if (change.added) lines.push({ kind: 'added', oldNumber: null, newNumber: newNumber++, text });
      else if (change.removed) lines.push({ kind: 'removed', oldNumber: oldNumber++, newNumber: null, text });
      else lines.push({ kind: 'same', oldNumber: oldNumber++, newNumber: newNumber++, text });
    }
  }
  return lines;
}

/** How many lines a diff adds and removes: `+3 −1`. */
export function diffSummary(lines: readonly DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((line) => line.kind === 'added').length,
    removed: lines.filter((line) => line.kind === 'removed').length,
  };
}
