import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, EmptyState, PageHeader } from '@/components/ui/card';
import { TableHead } from '@/components/ui/table-head';
import {
  INVESTIGATION_KIND_LABELS,
  INVESTIGATION_RESULT_LABELS,
  INVESTIGATION_RESULT_TONES,
  INVESTIGATION_STATUS_LABELS,
} from '@/lib/vendor/labels';
import { loadMyInvestigations } from '@/lib/vendor-investigation/page-data';

export const metadata = { title: '내게 배정된 실사 · 협력업체 포털' };

export default async function MyInvestigationsPage() {
  const { investigations } = await loadMyInvestigations();
  return (
    <>
      <PageHeader
        title="내게 배정된 실사"
        description="PQ 실사의뢰에서 QM 담당자로 지정되어 결재가 승인된 실사입니다."
      />
      <Card>
        <CardHeader title={`배정된 실사 ${investigations.length}건`} />
        {investigations.length === 0 ? (
          <EmptyState title="배정된 실사가 없습니다." />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <TableHead
                columns={[
                  { label: '실사 기간' },
                  { label: '협력업체' },
                  { label: 'PQ' },
                  { label: '구분' },
                  { label: '장소', className: 'hidden md:table-cell' },
                  { label: '상태' },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {investigations.map((item) => (
                  <tr key={item.id}>
                    <td className="px-5 py-3 tabular-nums">
                      {item.requestedStartDate} ~ {item.requestedEndDate}
                    </td>
                    <td className="px-3 py-3">
                      <Link href={`/vendors/${item.vendorId}`} className="text-indigo-700 hover:underline">
                        {item.vendorName}
                      </Link>
                    </td>
                    <td className="px-3 py-3 font-mono text-xs">{item.submissionNo}</td>
                    <td className="px-3 py-3">{INVESTIGATION_KIND_LABELS[item.kind]}</td>
                    <td className="hidden px-3 py-3 text-slate-600 md:table-cell">{item.siteAddress}</td>
                    <td className="px-5 py-3">
                      <Badge tone="neutral">{INVESTIGATION_STATUS_LABELS[item.status]}</Badge>{' '}
                      {item.result ? (
                        <Badge tone={INVESTIGATION_RESULT_TONES[item.result]}>
                          {INVESTIGATION_RESULT_LABELS[item.result]}
                        </Badge>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
