import { closeDatabase } from '@/db';
import { openConfiguredDatabase, prepareDatabase } from '@/lib/server/database-setup';
import { requireValidEnv } from './cli-env';

requireValidEnv();
try {
  // Seeding needs the tables; migrating first makes `db:seed` work on a fresh database too.
  await prepareDatabase(await openConfiguredDatabase());
} finally {
  await closeDatabase();
}
