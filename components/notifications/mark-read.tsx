'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { toastActionResult } from '@/lib/actions/toast';
import { markAllNotificationsReadAction, markNotificationReadAction } from '@/lib/notification/actions';

export function MarkReadButton({ id, title }: { id: number; title: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      aria-label={`읽음 표시: ${title}`}
      onClick={() =>
        startTransition(async () => {
          const result = await markNotificationReadAction({ id });
          if (!result.ok) toastActionResult(result, { success: '', failure: '읽음 표시에 실패했습니다.' });
          router.refresh();
        })
      }
    >
      읽음
    </Button>
  );
}

export function MarkAllReadButton({ unread }: { unread: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending || unread === 0}
      onClick={() =>
        startTransition(async () => {
          const result = await markAllNotificationsReadAction({});
          toastActionResult(result, {
            success: (data) => `알림 ${data.marked}건을 읽음으로 표시했습니다.`,
            failure: '읽음 표시에 실패했습니다.',
          });
          router.refresh();
        })
      }
    >
      {pending ? '처리 중…' : '모두 읽음'}
    </Button>
  );
}

/**
 * The way to an unread notification's approval: marks it read on the way there. A new tab
 * (modifier keys, middle click) follows the plain link and leaves it unread.
 */
export function UnreadNotificationLink({
  id,
  href,
  className,
  children,
}: {
  id: number;
  href: string;
  className?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Link
      href={href}
      className={className}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        startTransition(async () => {
          await markNotificationReadAction({ id });
          router.push(href);
        });
      }}
    >
      {children}
    </Link>
  );
}
