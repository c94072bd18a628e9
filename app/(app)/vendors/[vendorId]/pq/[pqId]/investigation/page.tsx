import { InvestigationPage } from '@/components/vendors/investigation-page';

export const metadata = { title: 'PQ 실사의뢰 · 협력업체 포털' };

export default function RequestInvestigationPage({
  params,
}: {
  params: Promise<{ vendorId: string; pqId: string }>;
}) {
  return <InvestigationPage kind="request" params={params} />;
}
