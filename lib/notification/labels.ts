import type { NotificationKind } from '@/db/schema/notifications';
import type { Tone } from '@/lib/tone';

/** The kind of a notification in Korean, as the list page and the CLI show it. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  executed: '처리 완료',
  rejected: '반려',
  withdrawn: '상신취소',
  expired: '기한 만료',
  failed: '실패',
  action_failed: '실패 (관리자)',
};

export const NOTIFICATION_KIND_TONES: Record<NotificationKind, Tone> = {
  executed: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  expired: 'neutral',
  failed: 'danger',
  action_failed: 'warning',
};

/** The label of a kind read from outside the type system (JSON); unknown ones show as is. */
export function notificationKindLabel(kind: string): string {
  return Object.hasOwn(NOTIFICATION_KIND_LABELS, kind)
    ? NOTIFICATION_KIND_LABELS[kind as NotificationKind]
    : kind;
}

/** The bell's accessible name: how many are unread, in words. */
export const unreadLabel = (unread: number) =>
  unread > 0 ? `알림 ${unread}건 안 읽음` : '알림, 안 읽은 알림 없음';
