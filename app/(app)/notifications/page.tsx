import Link from 'next/link';
import { z } from 'zod';
import {
  MarkAllReadButton,
  MarkReadButton,
  UnreadNotificationLink,
} from '@/components/notifications/mark-read';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatDateTime } from '@/components/ui/format';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KIND_TONES } from '@/lib/notification/labels';
import { approvalHref } from '@/lib/notification/links';
import { loadNotifications } from '@/lib/notification/page-data';

export const metadata = { title: '알림 · 협력업체 포털' };

const PAGE_SIZE = 20;

const searchSchema = z.object({
  unread: z.enum(['1']).optional().catch(undefined),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = searchSchema.parse(await searchParams);
  const unreadOnly = params.unread === '1';
  const { items, hasOlder, unread } = await loadNotifications({
    unreadOnly,
    limit: PAGE_SIZE,
    before: params.before,
  });
  const filterHref = (onlyUnread: boolean) => (onlyUnread ? '/notifications?unread=1' : '/notifications');
  const olderHref = items.length
    ? `/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: '1' } : {}), before: String(items.at(-1)!.id) })}`
    : null;

  return (
    <>
      <PageHeader
        title="알림"
        description={unread > 0 ? `안 읽은 알림 ${unread}건` : '안 읽은 알림이 없습니다.'}
        actions={<MarkAllReadButton unread={unread} />}
      />
      <Card>
        <nav aria-label="알림 보기" className="flex gap-1 border-b border-slate-100 px-5 py-3 text-sm">
          {[
            { label: '전체', only: false },
            { label: '안 읽음', only: true },
          ].map((tab) => (
            <Link
              key={tab.label}
              href={filterHref(tab.only)}
              aria-current={tab.only === unreadOnly ? 'page' : undefined}
              className={cn(
                'rounded-md px-3 py-1.5 font-medium',
                tab.only === unreadOnly
                  ? 'bg-indigo-50 text-indigo-700'
                  : 'text-slate-600 hover:bg-slate-100',
              )}
            >
              {tab.label}
            </Link>
          ))}
        </nav>
        {items.length === 0 ? (
          <EmptyState
            title={unreadOnly ? '안 읽은 알림이 없습니다.' : '알림이 없습니다.'}
            description="요청한 결재가 처리되거나 반려되면 여기에 알려 드립니다."
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((item) => (
              <li
                key={item.id}
                data-testid="notification"
                data-read={item.readAt ? 'true' : 'false'}
                className={cn('flex items-start gap-3 px-5 py-4', item.readAt ? '' : 'bg-indigo-50/60')}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    'mt-2 size-2 shrink-0 rounded-full',
                    item.readAt ? 'bg-transparent' : 'bg-indigo-600',
                  )}
                />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={NOTIFICATION_KIND_TONES[item.kind]}>
                      {NOTIFICATION_KIND_LABELS[item.kind]}
                    </Badge>
                    {item.readAt ? (
                      <Link
                        href={approvalHref(item.apInfId)}
                        className="text-sm text-indigo-700 hover:underline"
                      >
                        {item.title}
                      </Link>
                    ) : (
                      <UnreadNotificationLink
                        id={item.id}
                        href={approvalHref(item.apInfId)}
                        className="text-sm font-semibold text-indigo-700 hover:underline"
                      >
                        {item.title}
                      </UnreadNotificationLink>
                    )}
                    {item.readAt ? null : <span className="sr-only">(안 읽음)</span>}
                  </div>
                  <p className="mt-1 break-words text-sm text-slate-700">{item.message}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {formatDateTime(item.createdAt)} · <span className="font-mono">{item.apInfId}</span>
                  </p>
                </div>
                {item.readAt ? null : <MarkReadButton id={item.id} title={item.title} />}
              </li>
            ))}
          </ul>
        )}
        {params.before || (hasOlder && olderHref) ? (
          <div className="flex justify-between border-t border-slate-100 px-5 py-3 text-sm">
            {params.before ? (
              <Link href={filterHref(unreadOnly)} className="text-indigo-700 hover:underline">
                ← 최근 알림
              </Link>
            ) : (
              <span />
            )}
            {hasOlder && olderHref ? (
              <Link href={olderHref} className="text-indigo-700 hover:underline">
                이전 알림 →
              </Link>
            ) : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}
