import { formatDateTime } from '@/lib/time/kst';

/** What the features' handlers return, in the words the requester reads (unknown keys stay as they are). */
const RESULT_LABELS: Record<string, string> = {
  vendorId: '협력업체 번호',
  vendorCode: '협력업체 코드',
  registeredAt: '등록일시',
  suspendedAt: '거래정지일시',
  investigationId: '실사 번호',
  pqSubmissionId: 'PQ 번호',
};

/** Internal references people have no use for on the page. */
const HIDDEN = new Set(['qmAssigneeId']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * A handler's result as one line (`협력업체 코드: V-2026-00001 · 등록일시: 2026-12-03 00:44`): labels
 * in Korean, instants in the one KST format; nested parts are left out.
 */
export function executionResultText(result: unknown): string | null {
  if (result === null || result === undefined) return null;
  if (typeof result !== 'object') return String(result);
  const parts = Object.entries(result as Record<string, unknown>)
    .filter(([key, value]) => value !== null && typeof value !== 'object' && !HIDDEN.has(key))
    .map(([key, value]) => {
      const text =
        typeof value === 'string' && ISO_INSTANT.test(value) ? formatDateTime(value) : String(value);
      return `${RESULT_LABELS[key] ?? key}: ${text}`;
    });
  return parts.length ? parts.join(' · ') : null;
}
