import { requireAdmin } from '@/lib/auth/session';

/**
 * Every admin page: sends non-admins to the 403 page for a clean full-page answer. It is not the
 * protection — Next renders pages in parallel with their layouts, and skips the layouts a client
 * says it has — so each admin page reads through a loader made with forAdmin (lib/auth/data-access.ts).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
