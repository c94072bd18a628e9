import Link from 'next/link';
import { MissingEpIdNotice } from '@/components/approval/missing-ep-id';
import { ReRequestNotice } from '@/components/approval/re-request-notice';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, DescriptionList, PageHeader } from '@/components/ui/card';
import { formatDate } from '@/components/ui/format';
import type { ReRequestSource } from '@/lib/approval-log/re-request';
import { permissions } from '@/lib/auth/permissions';
import {
  INVESTIGATION_RESULT_LABELS,
  INVESTIGATION_RESULT_TONES,
  PQ_STATUS_LABELS,
} from '@/lib/vendor/labels';
import type { loadInvestigationForm } from '@/lib/vendor/page-data';
import { investigationPrefill } from '@/lib/vendor-investigation/re-request';
import { InvestigationForm } from './investigation-form';

export type InvestigationFormData = NonNullable<Awaited<ReturnType<typeof loadInvestigationForm>>>;

/**
 * The 실사의뢰 and 실사 재의뢰 pages: the PQ in question, its earlier investigations, the form.
 * The page loads the data (through the guarded loader) and hands it over.
 */
export function InvestigationPage({
  kind,
  data,
  reRequest,
}: {
  kind: 'request' | 'rerequest';
  data: InvestigationFormData;
  /** 다시 요청: the ended approval whose input fills the form (or why it cannot). */
  reRequest?: ReRequestSource | null;
}) {
  const prefill = reRequest?.ok ? investigationPrefill(reRequest.payload) : null;
  const { user, vendor, submission, investigations, assignees, line } = data;
  const canSubmit = permissions.submitApprovals(user);
  const title = kind === 'rerequest' ? 'PQ 실사 재의뢰' : 'PQ 실사의뢰';

  return (
    <>
      <PageHeader
        breadcrumb={
          <>
            <Link href="/vendors" className="hover:underline">
              협력업체
            </Link>{' '}
            /{' '}
            <Link href={`/vendors/${vendor.id}`} className="hover:underline">
              {vendor.name}
            </Link>
          </>
        }
        title={title}
        description="입력한 내용으로 결재 문서를 만들어 Knox에 상신합니다. 승인되면 실사가 등록됩니다."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="의뢰 내용" />
          <CardBody className="space-y-5">
            {canSubmit ? null : <MissingEpIdNotice />}
            {reRequest ? <ReRequestNotice source={reRequest} /> : null}
            <InvestigationForm
              kind={kind}
              vendorId={vendor.id}
              pqSubmissionId={submission.id}
              defaultSite={vendor.address}
              assignees={assignees}
              line={line}
              disabled={!canSubmit}
              initial={prefill}
              replaces={prefill && reRequest?.ok ? reRequest.apInfId : null}
            />
          </CardBody>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader title="대상 PQ" />
            <CardBody>
              <DescriptionList
                items={[
                  { label: '협력업체', value: vendor.name },
                  { label: '제출번호', value: <span className="font-mono">{submission.submissionNo}</span> },
                  { label: '구분', value: submission.category },
                  { label: '상태', value: <Badge>{PQ_STATUS_LABELS[submission.status]}</Badge> },
                  { label: '점수', value: submission.score ?? '—' },
                  { label: '제출일', value: formatDate(submission.submittedAt) },
                ]}
              />
            </CardBody>
          </Card>
          {investigations.length > 0 ? (
            <Card>
              <CardHeader title="이전 실사" />
              <ul className="divide-y divide-slate-100">
                {investigations.map((item) => (
                  <li key={item.id} className="px-5 py-3 text-sm">
                    <p className="font-medium text-slate-900">
                      {item.requestedStartDate} ~ {item.requestedEndDate}{' '}
                      {item.result ? (
                        <Badge tone={INVESTIGATION_RESULT_TONES[item.result]}>
                          {INVESTIGATION_RESULT_LABELS[item.result]}
                        </Badge>
                      ) : null}
                    </p>
                    {item.resultNote ? <p className="mt-1 text-slate-600">{item.resultNote}</p> : null}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
