/**
 * A throw-away PostgreSQL server of the test's own (initdb into a temp directory, its own port), for
 * tests that restart, stop or kill the database: the shared server on 5432 runs other people's
 * tests and must never be touched that way.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { chmod, chown } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

const BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** Why the private server cannot start here (no binaries), or null when it can. */
export function privatePostgresUnavailable(): string | null {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(BIN_DIR, tool)))
      return `${path.join(BIN_DIR, tool)} not found (set POSTGRES_BIN_DIR)`;
  }
  return null;
}

export interface PrivatePostgres {
  /** postgres:// URL of the server's `postgres` database (trust authentication, loopback only). */
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`: connections cut, the server down until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** pg_terminate_backend on every client backend matching the filter (all of them by default). */
  terminate(filter?: { applicationName?: string; query?: RegExp; pids?: number[] }): Promise<number[]>;
  /** Backends of the server's clients, as pg_stat_activity shows them (the caller's own excluded). */
  backends(): Promise<{ pid: number; application_name: string; query: string; state: string | null }[]>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses root: run the server's tools as the postgres user then, on a directory it owns. */
const asRoot = process.getuid?.() === 0;
function tool(name: string, args: string[]) {
  const file = path.join(BIN_DIR, name);
  return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const unavailable = privatePostgresUnavailable();
  if (unavailable) throw new Error(unavailable);
  const root = mkdtempSync(path.join(tmpdir(), 'private-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(root, 0o700);
  const dataDir = path.join(root, 'data');
  await tool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c max_connections=100',
  ].join(' ');
  const logFile = path.join(root, 'server.log');
  const start = async () => {
    await tool('pg_ctl', ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await tool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // The admin connection reconnects by itself after a restart (postgres.js does, per query).
  const admin = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'private-pg-admin' },
  });
  const backends: PrivatePostgres['backends'] = () =>
    admin<{ pid: number; application_name: string; query: string; state: string | null }[]>`
      select pid, application_name, query, state from pg_stat_activity
       where backend_type = 'client backend' and pid <> pg_backend_pid()`;
  let destroyed = false;
  return {
    url,
    port,
    start,
    stop,
    async restart() {
      await tool('pg_ctl', [
        '-D',
        dataDir,
        '-o',
        options,
        '-l',
        logFile,
        '-m',
        'fast',
        '-w',
        '-t',
        '60',
        'restart',
      ]);
    },
    backends,
    async terminate(filter = {}) {
      const targets = (await backends()).filter(
        (backend) =>
          backend.application_name !== 'private-pg-admin' &&
          (filter.applicationName === undefined || backend.application_name === filter.applicationName) &&
          (filter.query === undefined || filter.query.test(backend.query)) &&
          (filter.pids === undefined || filter.pids.includes(backend.pid)),
      );
      const pids = targets.map((backend) => backend.pid);
      if (pids.length > 0) await admin`select pg_terminate_backend(pid) from unnest(${pids}::int[]) as pid`;
      return pids;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await admin.end({ timeout: 1 }).catch(() => {});
      await stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}
