import Link from 'next/link';
import { z } from 'zod';
import { ActionStatusBadge, KnoxStatusBadge } from '@/components/approval/status-badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/field';
import { FilterBar, FilterField, pageHref } from '@/components/ui/filter-bar';
import { formatDateTime } from '@/components/ui/format';
import { Pagination } from '@/components/ui/pagination';
import { TableHead } from '@/components/ui/table-head';
import { actionTitle } from '@/lib/approval/registry';
import { loadApprovalList } from '@/lib/approval-log/page-data';
import { KNOX_STATUS_CODES, KNOX_STATUS_LABELS } from '@/lib/knox-api/approval/codes';

export const metadata = { title: '결재 현황 · 협력업체 포털' };

const PAGE_SIZE = 20;

const searchSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  status: z.coerce
    .number()
    .int()
    .refine((value) => (KNOX_STATUS_CODES as readonly number[]).includes(value))
    .optional()
    .catch(undefined),
  mine: z.enum(['1']).optional().catch(undefined),
  page: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function ApprovalLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = searchSchema.parse({ ...raw, status: raw.status === '' ? undefined : raw.status });
  const page = params.page ?? 1;
  const { seeAll, items, total } = await loadApprovalList({
    mine: params.mine === '1',
    status: params.status,
    search: params.q,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hrefFor = (target: number) =>
    pageHref(
      '/approval/log',
      { q: params.q, status: params.status?.toString(), mine: params.mine ? '1' : undefined },
      target,
    );

  return (
    <>
      <PageHeader
        title="결재 현황"
        description={
          seeAll
            ? '모든 사용자의 Knox 결재 문서와 처리 결과입니다.'
            : '내가 상신한 Knox 결재 문서와 처리 결과입니다.'
        }
      />
      <Card>
        <FilterBar label="결재 검색" action="/approval/log">
          <FilterField label="검색" htmlFor="q" className="min-w-48 flex-1">
            <Input
              id="q"
              name="q"
              defaultValue={params.q ?? ''}
              placeholder="제목 또는 문서 ID"
              className="mt-1"
            />
          </FilterField>
          <FilterField label="Knox 상태" htmlFor="status" className="w-40">
            <Select id="status" name="status" defaultValue={params.status?.toString() ?? ''} className="mt-1">
              <option value="">전체</option>
              {KNOX_STATUS_CODES.map((code) => (
                <option key={code} value={code}>
                  {KNOX_STATUS_LABELS[code]}
                </option>
              ))}
            </Select>
          </FilterField>
          {seeAll ? (
            <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="mine"
                value="1"
                defaultChecked={params.mine === '1'}
                className="size-4 rounded border-slate-300"
              />
              내 결재만
            </label>
          ) : null}
        </FilterBar>
        {items.length === 0 ? (
          <EmptyState
            title="결재 문서가 없습니다."
            description={
              params.q || params.status !== undefined
                ? '검색 조건을 바꿔 보세요.'
                : '협력업체 화면에서 결재를 요청할 수 있습니다.'
            }
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <TableHead
                columns={[
                  { label: '제목' },
                  { label: 'Knox 상태' },
                  { label: '처리 상태' },
                  seeAll && { label: '요청자', className: 'hidden md:table-cell' },
                  { label: '상신일시', className: 'hidden sm:table-cell' },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {items.map((item) => (
                  <tr key={item.apInfId} className="hover:bg-slate-50" data-testid="approval-row">
                    <td className="px-5 py-3">
                      <Link
                        href={`/approval/log/${encodeURIComponent(item.apInfId)}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {item.title}
                      </Link>
                      <p className="break-all font-mono text-xs text-slate-500">
                        {item.apInfId}
                        {item.action ? ` · ${actionTitle(item.action.actionType)}` : ''}
                      </p>
                    </td>
                    <td className="px-3 py-3">
                      <KnoxStatusBadge status={item.knoxStatus} />
                    </td>
                    <td className="px-3 py-3">
                      {item.action ? <ActionStatusBadge status={item.action.status} /> : '—'}
                    </td>
                    {seeAll ? (
                      <td className="hidden px-3 py-3 text-slate-700 md:table-cell">
                        {item.requesterName ?? item.requesterEpId}
                      </td>
                    ) : null}
                    <td className="hidden px-5 py-3 text-slate-600 sm:table-cell">
                      {formatDateTime(item.submittedAt ?? item.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={Math.min(page, pageCount)} pageCount={pageCount} total={total} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
