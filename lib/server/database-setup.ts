import type { DatabaseHandle } from '@/db';
import { seedDatabase } from '@/db/seed';
import { env } from '@/lib/env';

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
