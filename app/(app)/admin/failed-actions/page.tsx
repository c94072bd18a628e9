import Link from 'next/link';
import { FailedActionControls } from '@/components/admin/failed-action-controls';
import { KnoxStatusBadge } from '@/components/approval/status-badge';
import { Card, CardHeader, EmptyState, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { loadFailedActions } from '@/lib/admin/page-data';
import { actionTitle } from '@/lib/approval/registry';

export const metadata = { title: '실패한 작업 · 협력업체 포털' };

export default async function FailedActionsPage() {
  const {
    failed: { items, total },
    byError,
    resolved,
  } = await loadFailedActions();

  return (
    <>
      <PageHeader
        title="실패한 작업"
        description="Knox 상신이 거부되었거나, 승인 후 실행 중 오류가 난 작업입니다. 원인을 확인하고 재실행하거나 처리 완료로 종결합니다."
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader title={`실패 ${total}건`} />
          {items.length === 0 ? (
            <EmptyState title="실패한 작업이 없습니다." description="모든 결재 작업이 정상 처리되었습니다." />
          ) : (
            <ul className="divide-y divide-slate-100">
              {items.map((item) => (
                <li key={item.id} className="px-5 py-4" data-testid="failed-action">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-semibold text-slate-900">{actionTitle(item.actionType)}</span>
                        <span className="text-xs text-slate-500">작업 #{item.id}</span>
                        {item.knoxStatus !== null ? <KnoxStatusBadge status={item.knoxStatus} /> : null}
                      </p>
                      <Link
                        href={`/approval/log/${encodeURIComponent(item.apInfId)}`}
                        className="mt-0.5 block truncate text-sm text-indigo-700 hover:underline"
                      >
                        {item.title ?? item.apInfId}
                      </Link>
                      <p className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-100">
                        {item.errorMessage ?? '오류 메시지 없음'}
                      </p>
                      <p className="mt-2 text-xs text-slate-500">
                        요청자 {item.requesterName ?? '—'} · 시도 {item.attempts}회 · 최근 변경{' '}
                        {formatDateTime(item.updatedAt)} · 요청 {formatDateTime(item.createdAt)}
                      </p>
                    </div>
                    <FailedActionControls id={item.id} label={item.title ?? actionTitle(item.actionType)} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader title="오류 메시지별" description="같은 원인으로 실패한 건수" />
            {byError.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-500">없음</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {byError.map((row) => (
                  <li
                    key={row.errorMessage}
                    className="flex items-start justify-between gap-3 px-5 py-3 text-sm"
                  >
                    <span className="min-w-0 break-words text-slate-700">
                      {row.errorMessage || '(메시지 없음)'}
                    </span>
                    <span className="shrink-0 rounded-full bg-rose-100 px-2 py-0.5 text-xs font-semibold tabular-nums text-rose-700">
                      {row.count}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <CardHeader title="최근 수동 종결" />
            {resolved.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-500">없음</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {resolved.map((item) => (
                  <li key={item.id} className="px-5 py-3 text-sm">
                    <p className="font-medium text-slate-800">
                      {actionTitle(item.actionType)} · #{item.id}
                    </p>
                    <p className="text-slate-600">{item.resolutionNote}</p>
                    <p className="text-xs text-slate-500">{formatDateTime(item.updatedAt)}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
