import { actionStatusLabel } from '@/lib/approval/labels';
import { isKnoxStatus } from '@/lib/knox-api/approval/codes';
import { knoxStatusLabel } from '@/lib/knox-api/approval/status-labels';
import { formatDateTimeSeconds } from '@/lib/time/kst';

/** Columns a terminal gives a character: Hangul, CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Cuts a cell to `max` columns with an ellipsis, so one long title does not wrap the whole table. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(`${out}${char}…`) > max) break;
    out += char;
  }
  return `${out}…`;
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  max?: number;
}

/** A plain-text table aligned for Korean text; `(없음)` when there are no rows. */
export function formatTable<T>(rows: T[], columns: Column<T>[]): string {
  if (rows.length === 0) return '(없음)\n';
  const cells = rows.map((row) =>
    columns.map((column) => {
      const raw = column.value(row);
      const text = raw === null || raw === undefined || raw === '' ? '-' : String(raw).replace(/\s+/g, ' ');
      return column.max ? truncate(text, column.max) : text;
    }),
  );
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...cells.map((row) => displayWidth(row[index]!))),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => (index === values.length - 1 ? value : pad(value, widths[index]!)))
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n')}\n`;
}

/** `label: value` lines, labels aligned. */
export function formatFields(fields: Array<[string, string | number | null | undefined]>): string {
  const width = Math.max(...fields.map(([label]) => displayWidth(label)));
  return `${fields.map(([label, value]) => `${pad(label, width)}  ${value === null || value === undefined || value === '' ? '-' : value}`).join('\n')}\n`;
}

/** `진행중 (1)`: the Korean label people know (the same as on the pages), with the code scripts match on. */
export function knoxStatusText(status: number | null | undefined): string {
  if (status === null || status === undefined) return '-';
  return isKnoxStatus(status) ? `${knoxStatusLabel(status)} (${status})` : String(status);
}

export function actionStatusText(status: string | null | undefined): string {
  if (!status) return '-';
  const label = actionStatusLabel(status);
  return label === status ? status : `${label} (${status})`;
}

/** `2026-11-21 14:03:05` in KST, whatever the terminal's zone; `-` when absent, the raw text when unreadable. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '-';
  return formatDateTimeSeconds(value, value);
}
