import { closeDatabase, getDatabase } from '@/db';
import { prepareDatabase } from '@/lib/server/database-setup';
import { requireValidEnv } from './cli-env';

requireValidEnv();
try {
  // Seeding needs the tables; migrating first makes `db:seed` work on a fresh database too.
  await prepareDatabase(await getDatabase());
} finally {
  await closeDatabase();
}
