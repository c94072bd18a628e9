import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveRefresh } from '@/components/live/live-refresh';
import { Badge } from '@/components/ui/badge';
import { signOutAction } from '@/lib/auth/actions';
import type { CurrentUser } from '@/lib/auth/current-user';
import { NavLinks } from './nav-links';
import { NotificationBell } from './notification-bell';
import { ROLE_LABELS } from './role-label';

const MAIN_NAV = [
  { href: '/', label: '대시보드' },
  { href: '/vendors', label: '협력업체' },
  { href: '/approval/log', label: '결재 현황' },
  { href: '/investigations/mine', label: '내게 배정된 실사' },
];
const ADMIN_NAV = [
  { href: '/admin/failed-actions', label: '실패한 작업' },
  { href: '/admin/templates', label: '결재 양식' },
  { href: '/admin/approval-lines', label: '결재선 규칙' },
  { href: '/admin/system', label: '시스템 상태' },
  { href: '/admin/audit', label: '감사 로그' },
];

export function AppShell({
  user,
  knoxSimulated,
  unread,
  children,
}: {
  user: CurrentUser;
  knoxSimulated: boolean;
  /** The user's unread notifications, for the bell. */
  unread: number;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        본문으로 건너뛰기
      </a>
      <aside className="border-b border-slate-200 bg-white lg:border-b-0 lg:border-r">
        <div className="flex flex-col lg:sticky lg:top-0 lg:h-screen">
          <div className="flex items-center gap-2 px-5 py-4">
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
            >
              협
            </span>
            <Link href="/" className="leading-tight">
              <span className="block text-sm font-bold text-slate-900">협력업체 포털</span>
              <span className="block text-xs text-slate-500">Knox 결재 연동</span>
            </Link>
            <NotificationBell unread={unread} />
          </div>
          <nav
            aria-label="주 메뉴"
            className="flex items-center gap-1 overflow-x-auto px-3 pb-3 lg:block lg:flex-1 lg:overflow-y-auto"
          >
            <NavLinks items={MAIN_NAV} />
            {user.role === 'admin' ? <NavLinks heading="관리" items={ADMIN_NAV} /> : null}
            {knoxSimulated ? (
              <a
                href="/knox-sim"
                className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-amber-800 hover:bg-amber-50 lg:hidden"
              >
                Knox 결재함
              </a>
            ) : null}
            {knoxSimulated ? (
              <div className="mt-4 hidden rounded-lg bg-amber-50 px-3 py-2.5 ring-1 ring-amber-200 lg:block">
                <p className="text-xs font-semibold text-amber-900">Knox 시뮬레이터 사용 중</p>
                <a
                  href="/knox-sim"
                  className="mt-0.5 inline-block text-xs font-medium text-amber-800 underline"
                >
                  결재함 열기 (결재권자용) →
                </a>
              </div>
            ) : null}
          </nav>
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-t border-slate-200 px-5 py-3 lg:block lg:py-4">
            <div className="flex items-center justify-between gap-2">
              <div className="min-w-0">
                <p className="truncate text-sm font-semibold text-slate-900" data-testid="current-user">
                  {user.name}
                  {user.title ? <span className="font-normal text-slate-500"> {user.title}</span> : null}
                </p>
                <p className="truncate text-xs text-slate-500">{user.department ?? user.email}</p>
              </div>
              <Badge
                tone={user.role === 'admin' ? 'highlight' : user.role === 'approver' ? 'info' : 'neutral'}
              >
                {ROLE_LABELS[user.role]}
              </Badge>
            </div>
            <p className="text-xs text-slate-500 lg:mt-1">EP ID: {user.epId ?? '없음'}</p>
            <form action={signOutAction} className="lg:mt-3">
              <button
                type="submit"
                className="rounded-md px-3 py-1.5 text-left text-sm text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50 lg:w-full"
              >
                로그아웃
              </button>
            </form>
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 px-4 py-6 sm:px-8 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
        <LiveRefresh />
      </main>
    </div>
  );
}
