import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuditVendorCorrections } from '@/components/admin/audit-vendor-corrections';
import { VendorStatusCorrection } from '@/components/admin/vendor-status-correction';
import { ActionStatusBadge, KnoxStatusBadge } from '@/components/approval/status-badge';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardBody, CardHeader, DescriptionList, EmptyState, PageHeader } from '@/components/ui/card';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { TableHead } from '@/components/ui/table-head';
import { isCorrectableStatus } from '@/lib/admin/vendor-correction-rules';
import { actionTitle } from '@/lib/approval/registry';
import {
  INVESTIGATION_RESULT_LABELS,
  INVESTIGATION_RESULT_TONES,
  INVESTIGATION_STATUS_LABELS,
  PQ_STATUS_LABELS,
  VENDOR_STATUS_LABELS,
  VENDOR_STATUS_TONES,
} from '@/lib/vendor/labels';
import { loadVendorDetail } from '@/lib/vendor/page-data';
import { canRegisterVendor, canRequestInvestigation, canReRequestInvestigation } from '@/lib/vendor/rules';

export default async function VendorDetailPage({ params }: { params: Promise<{ vendorId: string }> }) {
  const { vendorId } = await params;
  const detail = await loadVendorDetail(Number(vendorId));
  if (!detail) notFound();
  const { user, vendor, submissions, investigations, approvals, corrections, correction } = detail;
  const canSeeAll = detail.canSeeAllApprovals;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/vendors" className="hover:underline">
            협력업체
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {vendor.name}
            <Badge tone={VENDOR_STATUS_TONES[vendor.status]}>{VENDOR_STATUS_LABELS[vendor.status]}</Badge>
          </span>
        }
        description={`${vendor.industry} · 사업자등록번호 ${vendor.businessNumber}`}
        actions={
          canRegisterVendor(vendor) ? (
            <ButtonLink href={`/vendors/${vendor.id}/register`}>정규업체 등록 요청</ButtonLink>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="업체 정보" />
          <CardBody>
            <DescriptionList
              items={[
                { label: '대표자', value: vendor.representative },
                {
                  label: '업체코드',
                  value: vendor.vendorCode ? (
                    <span className="font-mono">{vendor.vendorCode}</span>
                  ) : (
                    '미발급'
                  ),
                },
                { label: '주소', value: vendor.address },
                { label: '국가', value: vendor.country },
                { label: '담당자', value: vendor.contactName },
                {
                  label: '연락처',
                  value: [vendor.contactEmail, vendor.contactPhone].filter(Boolean).join(' · '),
                },
                { label: '정규업체 등록일', value: formatDate(vendor.registeredAt) },
                { label: '최근 변경', value: formatDateTime(vendor.updatedAt) },
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="결재 요청 안내" />
          <CardBody className="space-y-2 text-sm text-slate-600">
            <p>실사의뢰·정규업체 등록은 Knox 결재가 승인된 뒤에 반영됩니다.</p>
            <p>상신한 문서의 진행 상황은 결재 현황에서 확인하고 새로고침할 수 있습니다.</p>
            <Link href="/approval/log" className="inline-block font-medium text-indigo-600 hover:underline">
              결재 현황 보기 →
            </Link>
          </CardBody>
          {correction && isCorrectableStatus(vendor.status) ? (
            <details className="border-t border-slate-100 px-5 py-4">
              <summary className="cursor-pointer text-sm font-medium text-slate-700">
                관리자: 상태 정정
              </summary>
              <p className="mt-2 text-xs text-slate-500">
                결재 처리와 업체 상태가 어긋났을 때만 사용합니다. 업체의 PQ·결재 기록이 뒷받침하는 상태로만
                바꿀 수 있고, 정정 내역은 감사 로그에 남습니다. 정규업체·거래정지는 결재로만 바뀝니다.
              </p>
              <div className="mt-3">
                <VendorStatusCorrection
                  vendorId={vendor.id}
                  current={vendor.status}
                  options={correction.map((option) => ({
                    value: option.status,
                    label: VENDOR_STATUS_LABELS[option.status],
                    refusal: option.refusal,
                  }))}
                />
              </div>
            </details>
          ) : null}
        </Card>
      </div>

      <AuditVendorCorrections corrections={corrections} />

      <Card className="mt-6">
        <CardHeader title="PQ 제출 이력" description="사전 적격 심사 제출 건과 평가 점수" />
        {submissions.length === 0 ? (
          <EmptyState title="제출된 PQ가 없습니다." />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <TableHead
                columns={[
                  { label: '제출번호' },
                  { label: '구분' },
                  { label: '상태' },
                  { label: '점수', className: 'text-right' },
                  { label: '제출일' },
                  { label: '요청', className: 'text-right' },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {submissions.map((submission) => {
                  const hasInvestigation = investigations.some(
                    (item) => item.pqSubmissionId === submission.id,
                  );
                  return (
                    <tr key={submission.id}>
                      <td className="px-5 py-3 font-mono text-xs">{submission.submissionNo}</td>
                      <td className="px-3 py-3">{submission.category}</td>
                      <td className="px-3 py-3">
                        <Badge tone="neutral">{PQ_STATUS_LABELS[submission.status]}</Badge>
                      </td>
                      <td className="px-3 py-3 text-right tabular-nums">{submission.score ?? '—'}</td>
                      <td className="px-3 py-3 text-slate-600">{formatDate(submission.submittedAt)}</td>
                      <td className="px-5 py-3">
                        <div className="flex justify-end gap-2">
                          {canRequestInvestigation(submission, hasInvestigation) ? (
                            <ButtonLink
                              size="sm"
                              variant="secondary"
                              href={`/vendors/${vendor.id}/pq/${submission.id}/investigation`}
                            >
                              실사의뢰
                            </ButtonLink>
                          ) : null}
                          {canReRequestInvestigation(submission, hasInvestigation) ? (
                            <ButtonLink
                              size="sm"
                              variant="secondary"
                              href={`/vendors/${vendor.id}/pq/${submission.id}/reinvestigation`}
                            >
                              실사 재의뢰
                            </ButtonLink>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card className="mt-6">
        <CardHeader title="결재 이력" description="이 업체에 대해 상신된 결재와 처리 결과" />
        {approvals.length === 0 ? (
          <EmptyState title="상신된 결재가 없습니다." />
        ) : (
          <ul className="divide-y divide-slate-100">
            {approvals.map((row) => (
              <li
                key={row.apInfId}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm"
              >
                <span className="min-w-0">
                  <span className="font-medium text-slate-900">{actionTitle(row.actionType)}</span>
                  <span className="ml-2 text-xs text-slate-500">
                    {row.requesterName ?? '—'} · {formatDateTime(row.createdAt)}
                  </span>
                  {canSeeAll || row.requesterId === user.id ? (
                    <Link
                      href={`/approval/log/${encodeURIComponent(row.apInfId)}`}
                      className="ml-2 font-mono text-xs text-indigo-600 hover:underline"
                    >
                      {row.apInfId}
                    </Link>
                  ) : null}
                </span>
                <span className="flex gap-1.5">
                  {row.knoxStatus !== null ? <KnoxStatusBadge status={row.knoxStatus} /> : null}
                  <ActionStatusBadge status={row.actionStatus} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card className="mt-6">
        <CardHeader title="실사 이력" description="Knox 결재로 승인된 현장실사" />
        {investigations.length === 0 ? (
          <EmptyState title="실사 이력이 없습니다." />
        ) : (
          <ul className="divide-y divide-slate-100">
            {investigations.map((item) => (
              <li key={item.id} className="px-5 py-4">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">
                    {item.kind === 'rerequest' ? '실사 재의뢰' : '실사의뢰'}
                  </span>
                  <Badge tone="accent">{INVESTIGATION_STATUS_LABELS[item.status] ?? item.status}</Badge>
                  {item.result ? (
                    <Badge tone={INVESTIGATION_RESULT_TONES[item.result]}>
                      {INVESTIGATION_RESULT_LABELS[item.result]}
                    </Badge>
                  ) : null}
                  {item.apInfId ? (
                    <Link
                      href={`/approval/log/${encodeURIComponent(item.apInfId)}`}
                      className="font-mono text-xs text-indigo-600 hover:underline"
                    >
                      {item.apInfId}
                    </Link>
                  ) : null}
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {item.requestedStartDate} ~ {item.requestedEndDate} · {item.siteAddress}
                </p>
                <p className="mt-1 text-sm text-slate-700">{item.reason}</p>
                {item.resultNote ? (
                  <p className="mt-1 text-sm text-slate-500">결과: {item.resultNote}</p>
                ) : null}
                <p className="mt-1 text-xs text-slate-500">
                  요청 {item.requestedByName ?? '—'} · QM 담당 {item.qmAssigneeName ?? '—'} ·{' '}
                  {formatDateTime(item.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
