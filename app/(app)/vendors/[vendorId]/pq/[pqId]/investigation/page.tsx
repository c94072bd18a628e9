import { notFound } from 'next/navigation';
import { replacesParam } from '@/components/approval/re-request-notice';
import { InvestigationPage } from '@/components/vendors/investigation-page';
import { loadReRequestSource } from '@/lib/approval-log/page-data';
import { loadInvestigationForm } from '@/lib/vendor/page-data';

export const metadata = { title: 'PQ 실사의뢰 · 협력업체 포털' };

export default async function RequestInvestigationPage({
  params,
  searchParams,
}: {
  params: Promise<{ vendorId: string; pqId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { vendorId, pqId } = await params;
  const data = await loadInvestigationForm(Number(vendorId), Number(pqId), 'request');
  if (!data) notFound();
  const replaces = replacesParam((await searchParams).replaces);
  const source = replaces
    ? await loadReRequestSource(replaces, `/vendors/${data.vendor.id}/pq/${data.submission.id}/investigation`)
    : null;
  return <InvestigationPage kind="request" data={data} reRequest={source} />;
}
