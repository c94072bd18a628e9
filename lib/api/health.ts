import { sql } from 'drizzle-orm';
import { type Db, getDb } from '@/db';
import { schedulerLeases } from '@/db/schema';
import { authenticateApiToken, bearerToken } from '@/lib/auth/api-tokens';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import { sessionUserOf } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { logger } from '@/lib/observability/logger';

/**
 * GET /api/health. Load balancers and anyone else get only `{ status }` (200 ok, 503 degraded);
 * an admin (API token or signed-in session) also gets the database, Knox and poller details.
 * Nothing about the set-up, and no database error text, goes to anyone else.
 */

export type HealthStatus = 'ok' | 'degraded';

interface Check {
  status: HealthStatus;
  dbError: string | null;
  pollerLastRunAt: Date | null;
}

/**
 * A database that is restarting, or a pool whose connections all wait on it, may not answer for
 * tens of seconds: the health check says `degraded` after this long instead of hanging with it.
 */
export const HEALTH_DB_TIMEOUT_MS = 2_000;

function withinBound<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${HEALTH_DB_TIMEOUT_MS} ms`)),
      HEALTH_DB_TIMEOUT_MS,
    );
  });
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function check(): Promise<{ check: Check; db: Db | null }> {
  let db: Db | null = null;
  try {
    db = await withinBound(getDb());
    const handle = db;
    const [poller] = await withinBound(
      handle
        .select({ lastRunAt: schedulerLeases.lastRunAt })
        .from(schedulerLeases)
        .where(sql`${schedulerLeases.name} = 'approval-poller'`)
        .then((rows) => rows),
    );
    return { check: { status: 'ok', dbError: null, pollerLastRunAt: poller?.lastRunAt ?? null }, db };
  } catch (error) {
    logger().error({ err: error }, 'health check: database unavailable');
    // The handle stays: when the database answers token look-ups still, an admin may read why.
    return { check: { status: 'degraded', dbError: (error as Error).message, pollerLastRunAt: null }, db };
  }
}

/** The caller, when they prove to be someone; a failed lookup is simply nobody. */
async function callerOf(db: Db | null, request: Request): Promise<CurrentUser | null> {
  if (!db) return null;
  try {
    const token = bearerToken(request.headers.get('authorization'));
    if (token) return await authenticateApiToken(db, token);
    return request.headers.get('cookie') ? await sessionUserOf(request.headers) : null;
  } catch {
    return null;
  }
}

export async function healthResponse(request: Request): Promise<Response> {
  const { check: result, db } = await check();
  const httpStatus = result.status === 'ok' ? 200 : 503;
  const headers = { 'cache-control': 'no-store' };
  const caller = await callerOf(db, request);
  if (!caller || !permissions.administer(caller)) {
    return Response.json({ status: result.status }, { status: httpStatus, headers });
  }
  const config = env();
  return Response.json(
    {
      status: result.status,
      db: result.dbError ? 'error' : 'ok',
      ...(result.dbError ? { error: result.dbError } : {}),
      database: config.databaseKind,
      knox: { mode: config.knoxSimulated ? 'simulator' : 'real', baseUrl: config.KNOX_BASE_URL },
      poller: { lastRunAt: result.pollerLastRunAt?.toISOString() ?? null },
    },
    { status: httpStatus, headers },
  );
}
