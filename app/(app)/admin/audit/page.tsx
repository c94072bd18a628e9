import { z } from 'zod';
import { AuditEventList } from '@/components/admin/audit-event-list';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Select } from '@/components/ui/field';
import { FilterBar, FilterField, pageHref } from '@/components/ui/filter-bar';
import { Pagination } from '@/components/ui/pagination';
import { auditKindLabel } from '@/lib/audit/labels';
import { loadAuditLog } from '@/lib/audit/page-data';

export const metadata = { title: '감사 로그 · 협력업체 포털' };

const PAGE_SIZE = 50;

const searchSchema = z.object({
  kind: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = searchSchema.parse(await searchParams);
  const { rows, total, page, pageCount, kinds } = await loadAuditLog({
    kind: params.kind,
    page: params.page ?? 1,
    pageSize: PAGE_SIZE,
  });
  const hrefFor = (target: number) => pageHref('/admin/audit', { kind: params.kind }, target);

  return (
    <>
      <PageHeader
        title="감사 로그"
        description="로그인 실패, 관리자의 업체 상태 정정처럼 결재 밖에서 일어난 보안·관리 기록입니다. 최근 기록이 먼저 나옵니다."
      />
      <Card>
        <FilterBar label="감사 로그 필터" action="/admin/audit">
          <FilterField label="종류" htmlFor="kind" className="w-56">
            <Select id="kind" name="kind" defaultValue={params.kind ?? ''} className="mt-1">
              <option value="">전체</option>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {auditKindLabel(kind)}
                </option>
              ))}
            </Select>
          </FilterField>
        </FilterBar>
        {rows.length === 0 ? (
          <EmptyState
            title="기록이 없습니다."
            description={params.kind ? '다른 종류를 골라 보세요.' : undefined}
          />
        ) : (
          <AuditEventList events={rows} />
        )}
        <Pagination page={page} pageCount={pageCount} total={total} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
