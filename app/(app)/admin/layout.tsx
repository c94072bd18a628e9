import { requireAdmin } from '@/lib/auth/session';

/** Every admin page: non-admins are sent to the 403 page before anything is read. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
