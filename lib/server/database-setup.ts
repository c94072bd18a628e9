import { type DatabaseHandle, ensurePostgresDatabase, getDatabase } from '@/db';
import { seedDatabase } from '@/db/seed';
import { env } from '@/lib/env';

/** The process-wide database, created first when DATABASE_URL names one the server lacks. */
export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const url = env().DATABASE_URL;
  if (url) await ensurePostgresDatabase(url);
  return getDatabase();
}

/** Migrates, then seeds (templates and tool permissions always; demo data unless SEED_DEMO=false). */
export async function prepareDatabase(handle: DatabaseHandle, log: (line: string) => void = console.log) {
  await handle.migrate();
  log(`[db] migrations applied (${handle.kind})`);
  const summary = await seedDatabase(handle.db, { demo: env().SEED_DEMO });
  log(
    `[db] seed: ${summary.templates} template(s), ${summary.users} user(s), ${summary.vendors} vendor(s) added` +
      (env().SEED_DEMO ? '' : ' (demo data off)'),
  );
}
