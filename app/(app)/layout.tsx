import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} knoxSimulated={env().knoxSimulated}>
      {children}
    </AppShell>
  );
}
