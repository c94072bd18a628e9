import Link from 'next/link';
import { ActionStatusBadge, KnoxStatusBadge } from '@/components/approval/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, Notice, PageHeader } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/field';
import { FilterBar, FilterField } from '@/components/ui/filter-bar';
import { formatDateTime } from '@/components/ui/format';
import { Pagination } from '@/components/ui/pagination';
import { TableHead } from '@/components/ui/table-head';
import { PENDING_ACTION_STATUSES } from '@/db/schema';
import { ACTION_STATUS_LABELS } from '@/lib/approval/labels';
import { actionTitle, getRegisteredActions } from '@/lib/approval/registry';
import { APPROVAL_BUCKET_LABELS, APPROVAL_BUCKETS } from '@/lib/approval-log/buckets';
import { approvalFilterQuery, isFiltered, parseApprovalFilter } from '@/lib/approval-log/filters';
import { loadApprovalList } from '@/lib/approval-log/page-data';
import { KNOX_STATUS_CODES, KNOX_STATUS_LABELS } from '@/lib/knox-api/approval/codes';

export const metadata = { title: '결재 현황 · 협력업체 포털' };

const PAGE_SIZE = 20;

export default async function ApprovalLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const actions = getRegisteredActions();
  const parsed = parseApprovalFilter(
    raw,
    actions.map((action) => action.actionType),
  );
  // A bad filter lists nothing rather than something the reader did not ask for.
  const filter = parsed.ok ? parsed.filter : {};
  const page = filter.page ?? 1;
  const { seeAll, items, total } = await loadApprovalList(filter, {
    limit: parsed.ok ? PAGE_SIZE : 0,
    offset: (page - 1) * PAGE_SIZE,
  });
  const shown = parsed.ok ? items : [];
  const shownTotal = parsed.ok ? total : 0;
  const pageCount = Math.max(1, Math.ceil(shownTotal / PAGE_SIZE));
  const hrefFor = (target: number) => `/approval/log${approvalFilterQuery(filter, target)}`;
  const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

  return (
    <>
      <PageHeader
        title="결재 현황"
        actions={
          parsed.ok ? (
            // A plain link: a file to download, not a page for the client router.
            <a
              href={`/approval/log/export${approvalFilterQuery(filter)}`}
              download
              className={buttonClass('secondary')}
              data-testid="csv-export"
            >
              CSV 내보내기
            </a>
          ) : null
        }
        description={
          seeAll
            ? '모든 사용자의 Knox 결재 문서와 처리 결과입니다.'
            : '내가 상신한 Knox 결재 문서와 처리 결과입니다.'
        }
      />
      {parsed.ok ? null : (
        <div className="mb-6">
          <Notice tone="warning" title="검색 조건이 올바르지 않습니다">
            <span data-testid="filter-error">{parsed.errors.join(' · ')}</span>{' '}
            <Link href="/approval/log" className="font-medium underline">
              조건 지우기
            </Link>
          </Notice>
        </div>
      )}
      <Card>
        <FilterBar label="결재 검색" action="/approval/log">
          <FilterField label="검색" htmlFor="q" className="min-w-48 flex-1">
            <Input
              id="q"
              name="q"
              defaultValue={text(raw.q)}
              placeholder="제목 또는 문서 ID"
              className="mt-1"
            />
          </FilterField>
          <FilterField label="구분" htmlFor="bucket" className="w-36">
            <Select id="bucket" name="bucket" defaultValue={text(raw.bucket)} className="mt-1">
              <option value="">전체</option>
              {APPROVAL_BUCKETS.map((bucket) => (
                <option key={bucket} value={bucket}>
                  {APPROVAL_BUCKET_LABELS[bucket]}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField label="처리 상태" htmlFor="action" className="w-36">
            <Select id="action" name="action" defaultValue={text(raw.action)} className="mt-1">
              <option value="">전체</option>
              {PENDING_ACTION_STATUSES.filter((status) => status !== 'executing').map((status) => (
                <option key={status} value={status}>
                  {ACTION_STATUS_LABELS[status]}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField label="요청 작업" htmlFor="type" className="w-40">
            <Select id="type" name="type" defaultValue={text(raw.type)} className="mt-1">
              <option value="">전체</option>
              {actions.map((action) => (
                <option key={action.actionType} value={action.actionType}>
                  {action.title}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField label="시작일" htmlFor="from" className="w-40">
            <Input id="from" name="from" type="date" defaultValue={text(raw.from)} className="mt-1" />
          </FilterField>
          <FilterField label="종료일" htmlFor="to" className="w-40">
            <Input id="to" name="to" type="date" defaultValue={text(raw.to)} className="mt-1" />
          </FilterField>
          <FilterField label="Knox 상태" htmlFor="status" className="w-36">
            <Select id="status" name="status" defaultValue={text(raw.status)} className="mt-1">
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
                defaultChecked={filter.mine === true}
                className="size-4 rounded border-slate-300"
              />
              내 결재만
            </label>
          ) : null}
        </FilterBar>
        {shown.length === 0 ? (
          <EmptyState
            title="결재 문서가 없습니다."
            description={
              !parsed.ok || isFiltered(filter)
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
                {shown.map((item) => (
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
        <Pagination
          page={Math.min(page, pageCount)}
          pageCount={pageCount}
          total={shownTotal}
          hrefFor={hrefFor}
        />
      </Card>
    </>
  );
}
