'use client';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
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
