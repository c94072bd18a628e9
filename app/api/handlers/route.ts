import { listHandlers } from '@/lib/api/operations';
import { apiRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Admin: registered action types with their risk level. */
export const GET = apiRoute(({ user }) => listHandlers(user));
