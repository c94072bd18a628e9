import { closeDatabase, getDatabase } from '@/db';
import { requireValidEnv } from './cli-env';

requireValidEnv();
const handle = await getDatabase();
try {
  await handle.migrate();
  console.log(`[db] migrations applied (${handle.kind})`);
} finally {
  await closeDatabase();
}
