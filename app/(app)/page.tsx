import Link from 'next/link';
import { ActionStatusBadge, KnoxStatusBadge } from '@/components/approval/status-badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardHeader, EmptyState, Notice, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import {
  APPROVAL_BUCKET_DESCRIPTIONS,
  APPROVAL_BUCKET_LABELS,
  type ApprovalBucket,
} from '@/lib/approval-log/buckets';
import { approvalFilterQuery } from '@/lib/approval-log/filters';
import { loadDashboard } from '@/lib/approval-log/page-data';
import { MISSING_EP_ID_MESSAGE, permissions } from '@/lib/auth/permissions';

export const metadata = { title: '대시보드 · 협력업체 포털' };

const ACCENTS: Record<ApprovalBucket, string> = {
  wait: 'text-sky-700',
  execute: 'text-emerald-700',
  reject: 'text-rose-700',
  failed: 'text-amber-700',
};

export default async function DashboardPage() {
  const { user, counts, items, failedAll } = await loadDashboard();
  const seeAll = permissions.seeAllApprovals(user);
  // Each card counts each document once (an approved one whose action failed is 실행 실패 only)
  // and links to exactly the list it counts: the viewer's own, or for admins everyone's 실행 실패.
  const cards = (['wait', 'execute', 'reject', 'failed'] as const).map((bucket) => {
    const everyone = bucket === 'failed' && failedAll !== null;
    return {
      bucket,
      label: everyone ? `${APPROVAL_BUCKET_LABELS[bucket]} (전체)` : APPROVAL_BUCKET_LABELS[bucket],
      count: everyone ? failedAll : counts[bucket],
      href: `/approval/log${approvalFilterQuery({ bucket, mine: seeAll && !everyone })}`,
    };
  });
  const decided = items
    .filter((item) => item.decidedAt)
    .sort((a, b) => b.decidedAt!.getTime() - a.decidedAt!.getTime())
    .slice(0, 6);
  const recent = items.slice(0, 6);

  return (
    <>
      <PageHeader
        title={`안녕하세요, ${user.name}님`}
        description="내가 상신한 결재와 최근 결정을 한눈에 봅니다."
        actions={<ButtonLink href="/vendors">협력업체에서 결재 요청하기</ButtonLink>}
      />
      {!permissions.submitApprovals(user) ? (
        <div className="mb-6">
          <Notice tone="warning" title={MISSING_EP_ID_MESSAGE}>
            결재를 상신하려면 관리자에게 Knox EP ID 등록을 요청하세요. 조회는 그대로 할 수 있습니다.
          </Notice>
        </div>
      ) : null}

      <section aria-label="내 결재 요약" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {cards.map((card) => (
          <Link
            key={card.bucket}
            href={card.href}
            data-testid={`dashboard-card-${card.bucket}`}
            className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-indigo-300"
          >
            <p className="text-sm font-medium text-slate-600">{card.label}</p>
            <p className={`mt-2 text-3xl font-bold tabular-nums ${ACCENTS[card.bucket]}`}>{card.count}</p>
            <p className="mt-1 text-xs text-slate-500">{APPROVAL_BUCKET_DESCRIPTIONS[card.bucket]}</p>
          </Link>
        ))}
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="최근 결정" description="Knox에서 결재가 끝난 문서" />
          {decided.length === 0 ? (
            <EmptyState title="아직 결정된 결재가 없습니다." />
          ) : (
            <ul className="divide-y divide-slate-100">
              {decided.map((item) => (
                <li key={item.apInfId}>
                  <Link
                    href={`/approval/log/${encodeURIComponent(item.apInfId)}`}
                    className="flex items-center justify-between gap-3 px-5 py-3 hover:bg-slate-50"
                  >
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium text-slate-900">{item.title}</span>
                      <span className="block text-xs text-slate-500">{formatDateTime(item.decidedAt)}</span>
                    </span>
                    <span className="flex shrink-0 gap-1.5">
                      <KnoxStatusBadge status={item.knoxStatus} />
                      {item.action ? <ActionStatusBadge status={item.action.status} /> : null}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader
            title="최근 상신"
            actions={
              <Link href="/approval/log" className="text-sm font-medium text-indigo-600 hover:underline">
                전체 보기
              </Link>
            }
          />
          {recent.length === 0 ? (
            <EmptyState
              title="상신한 결재가 없습니다."
              description="협력업체 화면에서 실사의뢰나 정규업체 등록을 요청해 보세요."
            />
          ) : (
            <ul className="divide-y divide-slate-100">
              {recent.map((item) => (
                <li key={item.apInfId}>
                  <Link
                    href={`/approval/log/${encodeURIComponent(item.apInfId)}`}
                    className="flex items-center justify-between gap-3 px-5 py-3 hover:bg-slate-50"
                  >
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium text-slate-900">{item.title}</span>
                      <span className="block font-mono text-xs text-slate-500">{item.apInfId}</span>
                    </span>
                    <KnoxStatusBadge status={item.knoxStatus} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
