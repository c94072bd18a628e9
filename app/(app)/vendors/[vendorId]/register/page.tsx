import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MissingEpIdNotice } from '@/components/approval/missing-ep-id';
import { ReRequestNotice, replacesParam } from '@/components/approval/re-request-notice';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, DescriptionList, Notice, PageHeader } from '@/components/ui/card';
import { RegistrationForm } from '@/components/vendors/registration-form';
import { loadReRequestSource } from '@/lib/approval-log/page-data';
import { permissions } from '@/lib/auth/permissions';
import { PQ_STATUS_LABELS, VENDOR_STATUS_LABELS, VENDOR_STATUS_TONES } from '@/lib/vendor/labels';
import { loadVendorRegistration } from '@/lib/vendor/page-data';
import { canRegisterVendor } from '@/lib/vendor/rules';
import { registrationPrefill } from '@/lib/vendor-registration/re-request';

export const metadata = { title: '정규업체 등록 · 협력업체 포털' };

export default async function RegisterVendorPage({
  params,
  searchParams,
}: {
  params: Promise<{ vendorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { vendorId } = await params;
  const detail = await loadVendorRegistration(Number(vendorId));
  if (!detail) notFound();
  const replaces = replacesParam((await searchParams).replaces);
  const source = replaces
    ? await loadReRequestSource(replaces, `/vendors/${detail.vendor.id}/register`)
    : null;
  const prefill = source?.ok ? registrationPrefill(source.payload) : null;
  const { user, vendor, submissions, line } = detail;
  const canSubmit = permissions.submitApprovals(user);
  const eligible = canRegisterVendor(vendor);

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
        title="정규업체 등록"
        description="Knox 결재가 승인되면 업체코드가 발급되고 정규업체로 바뀝니다."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="등록 요청" />
          <CardBody className="space-y-5">
            {canSubmit ? null : <MissingEpIdNotice />}
            {source ? <ReRequestNotice source={source} /> : null}
            {eligible ? null : (
              <Notice tone="info" title="지금은 등록을 요청할 수 없는 상태입니다">
                정규업체 등록은 PQ 승인된 업체만 요청할 수 있습니다. (현재:{' '}
                {VENDOR_STATUS_LABELS[vendor.status]})
              </Notice>
            )}
            <RegistrationForm
              vendorId={vendor.id}
              line={line}
              disabled={!canSubmit || !eligible}
              initial={prefill}
              replaces={prefill && source?.ok ? source.apInfId : null}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="대상 업체" />
          <CardBody>
            <DescriptionList
              items={[
                { label: '업체명', value: vendor.name },
                {
                  label: '상태',
                  value: (
                    <Badge tone={VENDOR_STATUS_TONES[vendor.status]}>
                      {VENDOR_STATUS_LABELS[vendor.status]}
                    </Badge>
                  ),
                },
                { label: '사업자등록번호', value: vendor.businessNumber },
                { label: '업종', value: vendor.industry },
                {
                  label: '최근 PQ',
                  value: submissions[0]
                    ? `${submissions[0].submissionNo} · ${PQ_STATUS_LABELS[submissions[0].status]} · ${submissions[0].score ?? '—'}점`
                    : '없음',
                },
              ]}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
