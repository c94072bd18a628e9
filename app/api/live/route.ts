import { liveRoute } from '@/lib/live/route-handler';

// A long-lived stream fed by the process's LISTEN: Node only, never cached or pre-rendered.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Server-sent events of the approvals the signed-in user may see (see lib/live). */
export const GET = liveRoute;
