/**
 * The simulator's control API (act, inbox, people, faults); not part of Knox. A signed-in portal
 * user may use it as well as a program holding the simulator's Knox credentials.
 */
import { getSessionUser } from '@/lib/auth/session';
import { handleAppKnoxSimRequest } from '@/lib/knox-simulator/app';

export const dynamic = 'force-dynamic';

const hasPortalSession = async () => (await getSessionUser()) !== null;

export const GET = (request: Request) => handleAppKnoxSimRequest(request, hasPortalSession);
export const POST = (request: Request) => handleAppKnoxSimRequest(request, hasPortalSession);
export const DELETE = (request: Request) => handleAppKnoxSimRequest(request, hasPortalSession);
