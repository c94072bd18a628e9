import { healthResponse } from '@/lib/api/health';

export const dynamic = 'force-dynamic';

/** `{ status }` for anyone; the details for admins (see lib/api/health.ts). */
export const GET = (request: Request) => healthResponse(request);
