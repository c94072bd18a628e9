import Link from 'next/link';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/field';
import { FilterBar, FilterField, pageHref } from '@/components/ui/filter-bar';
import { formatDate } from '@/components/ui/format';
import { Pagination } from '@/components/ui/pagination';
import { TableHead } from '@/components/ui/table-head';
import { VENDOR_STATUSES } from '@/db/schema';
import { VENDOR_STATUS_LABELS, VENDOR_STATUS_TONES } from '@/lib/vendor/labels';
import { loadVendorList } from '@/lib/vendor/page-data';

export const metadata = { title: '협력업체 · 협력업체 포털' };

const PAGE_SIZE = 10;

const searchSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  status: z.enum(VENDOR_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function VendorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = searchSchema.parse(await searchParams);
  const result = await loadVendorList({
    query: params.q,
    status: params.status,
    page: params.page ?? 1,
    pageSize: PAGE_SIZE,
  });
  const hrefFor = (page: number) => pageHref('/vendors', { q: params.q, status: params.status }, page);

  return (
    <>
      <PageHeader
        title="협력업체"
        description="PQ 제출 현황을 보고, 실사의뢰와 정규업체 등록을 결재로 요청합니다."
      />
      <Card>
        <FilterBar label="협력업체 검색" action="/vendors">
          <FilterField label="검색" htmlFor="q" className="min-w-48 flex-1">
            <Input
              id="q"
              name="q"
              defaultValue={params.q ?? ''}
              placeholder="업체명, 사업자등록번호, 업체코드, 업종"
              className="mt-1"
            />
          </FilterField>
          <FilterField label="상태" htmlFor="status" className="w-44">
            <Select id="status" name="status" defaultValue={params.status ?? ''} className="mt-1">
              <option value="">전체</option>
              {VENDOR_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {VENDOR_STATUS_LABELS[status]}
                </option>
              ))}
            </Select>
          </FilterField>
        </FilterBar>
        {result.rows.length === 0 ? (
          <EmptyState
            title="조건에 맞는 협력업체가 없습니다."
            description="검색어나 상태 필터를 바꿔 보세요."
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <TableHead
                columns={[
                  { label: '업체명' },
                  { label: '사업자등록번호' },
                  { label: '업종', className: 'hidden md:table-cell' },
                  { label: '상태' },
                  { label: '업체코드', className: 'hidden sm:table-cell' },
                  { label: '최근 변경', className: 'hidden lg:table-cell' },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {result.rows.map((vendor) => (
                  <tr key={vendor.id} className="hover:bg-slate-50">
                    <td className="px-5 py-3">
                      <Link
                        href={`/vendors/${vendor.id}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {vendor.name}
                      </Link>
                      <p className="text-xs text-slate-500">{vendor.representative}</p>
                    </td>
                    <td className="px-3 py-3 font-mono text-xs text-slate-700">{vendor.businessNumber}</td>
                    <td className="hidden px-3 py-3 text-slate-700 md:table-cell">{vendor.industry}</td>
                    <td className="px-3 py-3">
                      <Badge tone={VENDOR_STATUS_TONES[vendor.status]}>
                        {VENDOR_STATUS_LABELS[vendor.status]}
                      </Badge>
                    </td>
                    <td className="hidden px-3 py-3 font-mono text-xs text-slate-700 sm:table-cell">
                      {vendor.vendorCode ?? '—'}
                    </td>
                    <td className="hidden px-5 py-3 text-slate-500 lg:table-cell">
                      {formatDate(vendor.updatedAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
