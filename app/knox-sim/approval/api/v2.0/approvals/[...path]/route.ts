/** Knox's approval endpoints (submit, status, {apInfId}/detail, {apInfId}/cancel), simulated. */
import { handleAppKnoxSimRequest } from '@/lib/knox-simulator/app';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) => handleAppKnoxSimRequest(request);
export const POST = (request: Request) => handleAppKnoxSimRequest(request);
