import { closeDatabase } from '@/db';
import { openConfiguredDatabase } from '@/lib/server/database-setup';
import { requireValidEnv } from './cli-env';

requireValidEnv();
const handle = await openConfiguredDatabase();
try {
  await handle.migrate();
  console.log(`[db] migrations applied (${handle.kind})`);
} finally {
  await closeDatabase();
}
