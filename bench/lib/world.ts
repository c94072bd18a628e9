import postgres from 'postgres';
import { type DatabaseHandle, type Db, openDatabase, schema, setDatabase } from '@/db';
import { seedDatabase } from '@/db/seed';
import { setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { type KnoxSimulatorServer, startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { createScratchDatabase, type ScratchDatabase } from './common';
import { knoxClientFor } from './knox-client';

export { knoxClientFor };

/** Everything one benchmark (or reliability scenario) needs: a migrated, seeded database, the simulator on a real socket. */
export interface World {
  url: string;
  handle: DatabaseHandle;
  /** A postgres.js client for the harness's own set-up and checks. */
  sql: postgres.Sql;
  sim: KnoxSimulatorServer;
  /** The requester the harness submits as (kim.employee, E1001) and the approver (choi.teamlead, A2001). */
  requester: { id: string; epId: string; email: string };
  approverEpId: string;
  close(): Promise<void>;
}

export interface WorldOptions {
  poolSize?: number;
  /** Knox client time-out: short, so that dropped responses are settled quickly. */
  knoxTimeoutMs?: number;
  /** An existing database (reliability tests pass createTestDatabase()'s); otherwise a scratch one. */
  database?: { url: string; handle?: DatabaseHandle };
}

/** application_name of the harness's own connections, so that the engine's can be counted apart. */
export const HARNESS_APPLICATION = 'bench-harness';

/**
 * The harness's handle on the database (simulator, set-up, in-process engine runs): the same
 * drizzle-over-postgres.js handle as the app's, but with its own application_name, so that
 * pg_stat_activity tells the engine processes' connections from the harness's.
 */
async function openHarnessHandle(url: string, poolSize: number): Promise<DatabaseHandle> {
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    connection: { application_name: HARNESS_APPLICATION },
  });
  return {
    kind: 'postgres',
    db: drizzle({ client, schema }) as unknown as Db,
    async listen(channel, onPayload) {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    migrate: async () => {},
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Opens (or creates) a database, migrates and seeds it, installs it as the process-wide handle,
 * starts the Knox simulator on a free port on that same database, and points the process-wide
 * Knox client at it — the same wiring as the app, minus Next.
 */
export async function createWorld(label: string, options: WorldOptions = {}): Promise<World> {
  let scratch: ScratchDatabase | undefined;
  let url = options.database?.url;
  if (!url) {
    scratch = await createScratchDatabase(label);
    url = scratch.url;
  }
  let handle = options.database?.handle;
  const ownsHandle = !handle;
  if (!handle) {
    const migrator = await openDatabase({ url, poolSize: 2 });
    try {
      await migrator.migrate();
      await seedDatabase(migrator.db, { demo: true });
    } finally {
      await migrator.close();
    }
    handle = await openHarnessHandle(url, options.poolSize ?? 10);
  } else {
    await handle.migrate();
    await seedDatabase(handle.db, { demo: true });
  }
  setDatabase(handle);
  const sim = await startKnoxSimulatorServer({ db: handle.db, port: 0 });
  setDefaultKnoxClient(knoxClientFor(sim.url, options.knoxTimeoutMs ?? 10_000));
  const sql = postgres(url, {
    max: 4,
    onnotice: () => {},
    connection: { application_name: HARNESS_APPLICATION },
  });
  const [requester] = await sql<{ id: string; ep_id: string; email: string }[]>`
    select id, ep_id, email from users where email = 'kim.employee@example.com'`;
  if (!requester) throw new Error('the seed did not create kim.employee@example.com');
  return {
    url,
    handle,
    sql,
    sim,
    requester: { id: requester.id, epId: requester.ep_id, email: requester.email },
    approverEpId: 'A2001',
    async close() {
      setDefaultKnoxClient(null);
      await sim.close().catch(() => {});
      await sql.end({ timeout: 5 });
      if (ownsHandle) await handle.close();
      if (scratch) await scratch.drop();
    },
  };
}
