import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm/relations';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from '@/lib/process-singleton';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;

/** The database, or a transaction on it: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  /**
   * Subscribes to a notification channel (LISTEN on PostgreSQL, PGlite's own listen in-process).
   * Resolves to an unsubscribe function. On PostgreSQL a lost LISTEN connection (restart, killed
   * backend) is re-established with backoff; `onReconnect` runs each time it is, since anything
   * notified meanwhile was lost.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  /** Applies db/migrations with drizzle's migrator; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; without one, an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; `memory://` (or omitted with no url) keeps it in memory. */
  dataDir?: string;
  poolSize?: number;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Serialises migrations across processes sharing one PostgreSQL server. */
const MIGRATION_LOCK_KEY = 724_311_001;

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

/**
 * Creates the database named in a postgres:// URL when the server does not have it yet, so a new
 * `DATABASE_URL` works on first start. Needs CREATEDB on the server's maintenance database.
 */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await probe`select 1`;
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end({ timeout: 5 });
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
    console.log(`[db] created database ${name}`);
  } catch (error) {
    // Another instance starting at the same moment may have created it first.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    connection: { application_name: 'approval-portal' },
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  const listener = resilientListener(postgres, url);
  return {
    kind: 'postgres',
    db,
    listen: listener.listen,
    async migrate() {
      // drizzle's migrator reads the applied list and then applies the rest; two processes starting
      // together would both apply. A session-level advisory lock, held on a one-connection client
      // of its own, makes the second wait and then find nothing left to do.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(drizzle({ client: single, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async close() {
      await Promise.all([listener.close(), client.end({ timeout: 5 })]);
    },
  };
}

type PostgresFactory = typeof import('postgres');

const RELISTEN_FIRST_DELAY_MS = 100;
const RELISTEN_MAX_DELAY_MS = 5_000;

/**
 * LISTEN on a connection of its own. postgres.js's own listen re-issues LISTEN when its connection
 * closes, but only once: when the server is not back yet (a restart, a fast shutdown) the attempt
 * fails and the channel is silently dropped for good. Here every channel is LISTENed again, with
 * backoff, until it works, and the subscribers are told so they can re-read what they wait on.
 */
function resilientListener(postgres: PostgresFactory, url: string) {
  const subscribers = new Map<
    string,
    Set<{ onPayload: (payload: string) => void; onReconnect?: () => void }>
  >();
  let closed = false;
  let lost = false;
  let relistening = false;
  // onnotify and onclose are postgres.js options its own listen() uses; its types leave them out.
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'approval-portal-listen' },
    onnotify: (channel: string, payload: string) => {
      for (const subscriber of subscribers.get(channel) ?? []) subscriber.onPayload(payload);
    },
    onclose: () => {
      if (closed || subscribers.size === 0) return;
      lost = true;
      if (relistening) return;
      relistening = true;
      void relisten().finally(() => {
        relistening = false;
      });
    },
  };
  const sql = postgres(url, options as Parameters<PostgresFactory>[1]);
  const listenTo = (channel: string) => sql`listen ${sql(channel)}`;

  async function relisten(): Promise<void> {
    let delay = RELISTEN_FIRST_DELAY_MS;
    while (lost && !closed) {
      lost = false;
      try {
        for (const channel of subscribers.keys()) await listenTo(channel);
      } catch {
        lost = true;
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        delay = Math.min(delay * 2, RELISTEN_MAX_DELAY_MS);
        continue;
      }
      // A close while LISTEN was being re-issued sets `lost` again and goes round once more.
      if (lost) continue;
      for (const set of subscribers.values()) for (const subscriber of set) subscriber.onReconnect?.();
    }
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void) {
      const subscriber = { onPayload, onReconnect };
      const existing = subscribers.get(channel);
      if (existing) existing.add(subscriber);
      else {
        subscribers.set(channel, new Set([subscriber]));
        try {
          await listenTo(channel);
        } catch (error) {
          subscribers.delete(channel);
          throw error;
        }
      }
      return async () => {
        const set = subscribers.get(channel);
        set?.delete(subscriber);
        if (!set || set.size > 0) return;
        subscribers.delete(channel);
        await sql`unlisten ${sql(channel)}`.catch(() => {});
      };
    },
    async close() {
      closed = true;
      await sql.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = inMemory ? await PGlite.create() : await PGlite.create(dataDir);
  const db = drizzle({ client, schema }) as unknown as Db;
  let closed = false;
  return {
    kind: 'pglite',
    db,
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    migrate: () => migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

// One per process: Next's hot reload and its separately bundled route modules must all share
// one handle, or PGlite's data directory would be opened twice.
const DATABASE = 'database';

/**
 * The process-wide database handle from the environment: PostgreSQL when DATABASE_URL is set,
 * otherwise PGlite under PGLITE_DATA_DIR. Opened on first use, never at import time.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  return processSingleton(DATABASE, () => {
    const opening = import('@/lib/env').then(({ env }) => {
      const config = env();
      return openDatabase({
        url: config.DATABASE_URL,
        dataDir: path.resolve(config.PGLITE_DATA_DIR),
        poolSize: config.DATABASE_POOL_SIZE,
      });
    });
    // A failed open must not be cached: the next caller tries again.
    opening.catch(() => {
      if (peekProcessSingleton(DATABASE) === opening) setProcessSingleton(DATABASE, undefined);
    });
    return opening;
  });
}

/** Shorthand for the process-wide drizzle handle. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Closes the process-wide handle, if one was opened (clean shutdown; PGlite flushes its files). */
export async function closeDatabase(): Promise<void> {
  const opening = peekProcessSingleton<Promise<DatabaseHandle>>(DATABASE);
  setProcessSingleton(DATABASE, undefined);
  if (opening) await (await opening).close();
}

/** Installs a handle as the process-wide one (tests, scripts that open their own). */
export function setDatabase(handle: DatabaseHandle): void {
  setProcessSingleton(DATABASE, Promise.resolve(handle));
}
