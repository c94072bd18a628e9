import { eq } from 'drizzle-orm';
import { type Db, getDb, type Tx } from '@/db';
import { type ApprovalTemplate, approvalTemplates } from '@/db/schema';
import { logger } from '@/lib/observability/logger';
import { kstDate } from '@/lib/time/kst';
import type { TemplateValue } from '../types';
import { isSafeHtml, type SafeHtml, trustedHtml } from './safe-html';

export { isSafeHtml, type SafeHtml } from './safe-html';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Plain text of a value, as a reader of the document expects it (dates as yyyy-MM-dd in KST). */
function plainText(value: TemplateValue | unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return kstDate(value);
  if (typeof value === 'number') return value.toLocaleString('ko-KR');
  if (typeof value === 'boolean') return value ? '예' : '아니오';
  return String(value);
}

/** A value as HTML: SafeHtml as is, anything else escaped. */
function toHtml(value: TemplateValue | unknown): string {
  return isSafeHtml(value) ? value.html : escapeHtml(plainText(value));
}

/** `{{ 변수 }}`: any name without braces, spaces around it tolerated. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/**
 * Fills `{{변수}}` placeholders. Placeholders without a value are left in the text, logged as a
 * warning and returned so the caller can tell the user.
 */
export function replaceTemplateVariables(
  content: string,
  variables: Record<string, TemplateValue>,
): { html: string; unreplaced: string[] } {
  const unreplaced = new Set<string>();
  const html = content.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.hasOwn(variables, name)) {
      unreplaced.add(name);
      return whole;
    }
    return toHtml(variables[name]);
  });
  if (unreplaced.size > 0) {
    logger().warn({ unreplaced: [...unreplaced] }, '[Approval Template] placeholders left unreplaced');
  }
  return { html, unreplaced: [...unreplaced] };
}

const TABLE_STYLE = 'width:100%;border-collapse:collapse;margin:4px 0 12px;font-size:13px';
const TH_STYLE = 'background:#f3f4f6;border:1px solid #d1d5db;padding:6px;text-align:left;font-weight:600';
const TD_STYLE = 'border:1px solid #d1d5db;padding:6px;vertical-align:top';

export interface TableColumn<Row> {
  key: keyof Row & string;
  label: string;
  /** Formats a cell; its text is escaped like any other value. */
  format?: (value: Row[keyof Row], row: Row) => TemplateValue;
}

/** Rows as an HTML table with inline styles (Knox shows the document as-is); every cell escaped. */
export function htmlTableConverter<Row extends object>(
  data: readonly Row[],
  columns: readonly TableColumn<Row>[],
): SafeHtml {
  const head = columns.map((column) => `<th style="${TH_STYLE}">${escapeHtml(column.label)}</th>`).join('');
  const body =
    data.length === 0
      ? `<tr><td style="${TD_STYLE};text-align:center;color:#6b7280" colspan="${columns.length}">내역 없음</td></tr>`
      : data
          .map((row) => {
            const cells = columns.map((column) => {
              const value = column.format ? column.format(row[column.key], row) : row[column.key];
              return `<td style="${TD_STYLE}">${toHtml(value)}</td>`;
            });
            return `<tr>${cells.join('')}</tr>`;
          })
          .join('');
  return trustedHtml(
    `<table style="${TABLE_STYLE}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`,
  );
}

/** Label–value pairs as a two-column table (Knox's editor renders <dl> poorly); all escaped. */
export function htmlDescriptionList(items: ReadonlyArray<{ label: string; value: TemplateValue }>): SafeHtml {
  const rows = items
    .map(
      (item) =>
        `<tr><th style="${TH_STYLE};width:25%">${escapeHtml(item.label)}</th><td style="${TD_STYLE}">${toHtml(item.value)}</td></tr>`,
    )
    .join('');
  return trustedHtml(`<table style="${TABLE_STYLE}"><tbody>${rows}</tbody></table>`);
}

/** Items as a bulleted (or numbered) list; every item escaped. */
export function htmlListConverter(items: readonly TemplateValue[], ordered = false): SafeHtml {
  const tag = ordered ? 'ol' : 'ul';
  const lis = items.map((item) => `<li style="margin:2px 0">${toHtml(item)}</li>`).join('');
  return trustedHtml(`<${tag} style="margin:4px 0 12px;padding-left:22px">${lis}</${tag}>`);
}

/** The template named `name`, or undefined. */
export async function findApprovalTemplateByName(
  db: Db | Tx,
  name: string,
): Promise<ApprovalTemplate | undefined> {
  const [template] = await db
    .select()
    .from(approvalTemplates)
    .where(eq(approvalTemplates.name, name))
    .limit(1);
  return template;
}

/** The template named `name` from the process-wide database, or undefined. */
export async function getApprovalTemplateByName(name: string): Promise<ApprovalTemplate | undefined> {
  return findApprovalTemplateByName(await getDb(), name);
}
