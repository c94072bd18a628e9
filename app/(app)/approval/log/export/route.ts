import { actionTitle, getRegisteredActions } from '@/lib/approval/registry';
import { approvalCsv } from '@/lib/approval-log/csv';
import { parseApprovalFilter } from '@/lib/approval-log/filters';
import { loadApprovalExport } from '@/lib/approval-log/page-data';
import { kstCompactDate } from '@/lib/time/kst';

/**
 * 결재 현황 as CSV: the same filter (from the query string) and the same visibility as the list,
 * for the signed-in user (loadApprovalExport asks requireUser itself; anonymous → sign-in).
 */
export async function GET(request: Request): Promise<Response> {
  const actionTypes = getRegisteredActions().map((action) => action.actionType);
  const parsed = parseApprovalFilter(new URL(request.url).searchParams, actionTypes);
  const { items } = await loadApprovalExport(parsed.ok ? parsed.filter : null);
  if (!parsed.ok) {
    return new Response(`검색 조건이 올바르지 않습니다: ${parsed.errors.join(' / ')}\r\n`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const day = kstCompactDate();
  return new Response(approvalCsv(items, actionTitle), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="approvals-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`결재현황-${day}.csv`)}`,
    },
  });
}
