import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { loadUnreadCount } from '@/lib/notification/page-data';

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const unread = await loadUnreadCount();
  return (
    <AppShell user={user} knoxSimulated={env().knoxSimulated} unread={unread}>
      {children}
    </AppShell>
  );
}
