import Link from 'next/link';
import { unreadLabel } from '@/lib/notification/labels';

/** The bell in the shell of every page: the unread count, rendered on the server, and the way to the list. */
export function NotificationBell({ unread }: { unread: number }) {
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={unreadLabel(unread)}
      title={unreadLabel(unread)}
      data-testid="notification-bell"
      data-unread={unread}
      className="relative ml-auto grid size-9 shrink-0 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        className="size-5"
      >
        <path strokeLinecap="round" strokeLinejoin="round" d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path strokeLinecap="round" strokeLinejoin="round" d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-[11px] font-semibold leading-5 text-white"
        >
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
