/** The simulator's control API (act, inbox, people, faults); not part of Knox. */
import { handleAppKnoxSimRequest } from '@/lib/knox-simulator/app';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) => handleAppKnoxSimRequest(request);
export const POST = (request: Request) => handleAppKnoxSimRequest(request);
export const DELETE = (request: Request) => handleAppKnoxSimRequest(request);
