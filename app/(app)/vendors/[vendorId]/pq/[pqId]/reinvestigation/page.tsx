import { notFound } from 'next/navigation';
import { InvestigationPage } from '@/components/vendors/investigation-page';
import { loadInvestigationForm } from '@/lib/vendor/page-data';

export const metadata = { title: 'PQ 실사 재의뢰 · 협력업체 포털' };

export default async function ReRequestInvestigationPage({
  params,
}: {
  params: Promise<{ vendorId: string; pqId: string }>;
}) {
  const { vendorId, pqId } = await params;
  const data = await loadInvestigationForm(Number(vendorId), Number(pqId), 'rerequest');
  if (!data) notFound();
  return <InvestigationPage kind="rerequest" data={data} />;
}
