/**
 * The simulator inside the app (routes under /knox-sim, the inbox UI): one instance per process,
 * a process singleton so that Next's separately bundled route modules share its fault settings.
 */
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { processSingleton } from '@/lib/process-singleton';
import { handleKnoxSimRequest } from './http';
import { KnoxSimulator } from './simulator';

/** The in-app simulator, accepting the credentials the app's own Knox client sends. */
export function appKnoxSimulator(): KnoxSimulator {
  return processSingleton('knox-simulator', () => {
    const config = env();
    return new KnoxSimulator({ db: getDb, systemId: config.KNOX_SYSTEM_ID, token: config.KNOX_TOKEN });
  });
}

/** True while the bundled simulator stands in for Knox; with real Knox configured it must not answer. */
export function simulatorEnabled(): boolean {
  return env().knoxSimulated;
}

/**
 * Route handler body for every /knox-sim API route. `hasPortalSession` lets a signed-in portal
 * user use the control API; the route supplies it, since the session belongs to the app's auth.
 */
export async function handleAppKnoxSimRequest(
  request: Request,
  hasPortalSession?: () => Promise<boolean>,
): Promise<Response> {
  if (!simulatorEnabled()) {
    return Response.json({ error: 'not found' }, { status: 404 });
  }
  return handleKnoxSimRequest(request, {
    simulator: appKnoxSimulator(),
    basePath: '/knox-sim',
    ownOrigin: env().APP_URL,
    hasPortalSession,
  });
}
