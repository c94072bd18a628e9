import { pollNow } from '@/lib/api/operations';
import { apiRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Admin: one poller cycle now → `{ checked, updated, executed, rejected, failed }`. */
export const POST = apiRoute(({ user }) => pollNow(user));
