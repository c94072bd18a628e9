import { InvestigationPage } from '@/components/vendors/investigation-page';

export const metadata = { title: 'PQ 실사 재의뢰 · 협력업체 포털' };

export default function ReRequestInvestigationPage({
  params,
}: {
  params: Promise<{ vendorId: string; pqId: string }>;
}) {
  return <InvestigationPage kind="rerequest" params={params} />;
}
