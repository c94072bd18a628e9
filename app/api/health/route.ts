import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { schedulerLeases } from '@/db/schema';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

export async function GET() {
  const config = env();
  const knox = { mode: config.knoxSimulated ? 'simulator' : 'real', baseUrl: config.KNOX_BASE_URL };
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    const [poller] = await db
      .select({ lastRunAt: schedulerLeases.lastRunAt })
      .from(schedulerLeases)
      .where(sql`${schedulerLeases.name} = 'approval-poller'`);
    return Response.json({
      db: 'ok',
      database: config.databaseKind,
      knox,
      poller: { lastRunAt: poller?.lastRunAt?.toISOString() ?? null },
    });
  } catch (error) {
    return Response.json(
      {
        db: 'error',
        error: (error as Error).message,
        database: config.databaseKind,
        knox,
        poller: { lastRunAt: null },
      },
      { status: 503 },
    );
  }
}
