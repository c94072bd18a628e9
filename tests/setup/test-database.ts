import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, openDatabase } from '@/db';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** Which database the current Vitest project runs its integration tests on. */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Tests create and drop databases: never point them at anything but this machine. */
export function assertLocalDatabaseUrl(url: string): URL {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(
      `Refusing to run tests against a non-local database (${parsed.hostname}); use a local TEST_DATABASE_URL`,
    );
  }
  return parsed;
}

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of the fresh database (PostgreSQL only), for child processes and servers. */
  url?: string;
  /** Closes the handle and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * TEST_DATABASE_URL server (dropped again by destroy()).
 */
export async function createTestDatabase(
  options: { poolSize?: number; serverUrl?: string } = {},
): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite' && !options.serverUrl) {
    const handle = await openDatabase({});
    await handle.migrate();
    return { ...handle, destroy: () => handle.close() };
  }
  const { url, drop } = await createScratchPostgresDatabase(options.serverUrl);
  const handle = await openDatabase({ url, poolSize: options.poolSize ?? 10 });
  await handle.migrate();
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      await drop();
    },
  };
}

/** Creates an empty database on the TEST_DATABASE_URL server; returns its URL and a drop function. */
export async function createScratchPostgresDatabase(
  serverUrl = process.env.TEST_DATABASE_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const parsed = assertLocalDatabaseUrl(serverUrl);
  const name = `approval_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  parsed.pathname = `/${name}`;
  return {
    url: parsed.toString(),
    async drop() {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
