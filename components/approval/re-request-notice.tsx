import Link from 'next/link';
import { Notice } from '@/components/ui/card';
import type { ReRequestSource } from '@/lib/approval-log/re-request';

/** Above a request form opened by 다시 요청: what it was filled from, or why it was not. */
export function ReRequestNotice({ source }: { source: ReRequestSource }) {
  const link = (
    <Link
      href={`/approval/log/${encodeURIComponent(source.apInfId)}`}
      className="font-mono font-medium text-indigo-700 hover:underline"
    >
      {source.apInfId}
    </Link>
  );
  if (!source.ok) {
    return (
      <Notice tone="warning" title="다시 요청할 수 없습니다">
        {source.message} ({link})
      </Notice>
    );
  }
  return (
    <Notice tone="info" title="다시 요청">
      <span data-testid="re-request-notice">
        {link}의 입력으로 채웠습니다. 내용을 확인하고 결재선을 지정해 상신하면 새 결재가 이 결재를 대체합니다.
      </span>
    </Notice>
  );
}

/** The `replaces` query parameter of a request page: one short id, or nothing. */
export function replacesParam(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;
}
