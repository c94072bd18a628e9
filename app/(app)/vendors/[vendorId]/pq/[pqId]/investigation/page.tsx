import { notFound } from 'next/navigation';
import { InvestigationPage } from '@/components/vendors/investigation-page';
import { loadInvestigationForm } from '@/lib/vendor/page-data';

export const metadata = { title: 'PQ 실사의뢰 · 협력업체 포털' };

export default async function RequestInvestigationPage({
  params,
}: {
  params: Promise<{ vendorId: string; pqId: string }>;
}) {
  const { vendorId, pqId } = await params;
  const data = await loadInvestigationForm(Number(vendorId), Number(pqId), 'request');
  if (!data) notFound();
  return <InvestigationPage kind="request" data={data} />;
}
