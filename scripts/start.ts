/**
 * `npm start`: migrate, seed, build when the current build is missing or stale, then serve the
 * build from this same process (lib/server/http-server.ts), so that SIGTERM or SIGINT to it — or to
 * npm, which passes them on — stops the server, the poller and the database together.
 * `--build-only` just brings the build up to date (the end-to-end tests' global set-up uses it).
 * The database is closed while `next build` runs: PGlite's data directory may be open in one process only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeDatabase } from '@/db';
import { simulatorRefusal } from '@/lib/env';
import { openConfiguredDatabase, prepareDatabase } from '@/lib/server/database-setup';
import { type RunningServer, serve } from '@/lib/server/http-server';
import { exitOnStopSignals, onShutdown, stopServerRuntime } from '@/lib/server/shutdown';
import { requireValidEnv } from './cli-env';

// What `next start` does: the server (and React inside it) runs as production unless told otherwise.
(process.env as Record<string, string | undefined>).NODE_ENV ||= 'production';

const root = process.cwd();
const config = requireValidEnv();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const buildOnly = process.argv.includes('--build-only');

if (!buildOnly) {
  const refusal = simulatorRefusal(config);
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
}

// Claimed before anything is opened: a stop signal at any moment drains the server (once it
// listens), stops the poller and a running build, closes the database, and exits.
let server: RunningServer | undefined;
exitOnStopSignals(async () => server?.stop());

if (!buildOnly) {
  try {
    await prepareDatabase(await openConfiguredDatabase());
  } finally {
    await closeDatabase();
  }
}

const distDir = path.join(root, process.env.NEXT_DIST_DIR || '.next');
const FINGERPRINT_FILE = path.join(distDir, 'source-fingerprint');
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'next.config.ts',
  'package-lock.json',
  'postcss.config.mjs',
  'tsconfig.json',
  'instrumentation.ts',
  'proxy.ts',
];

// Tests beside their subject (`*.test.ts`, `*.int.test.ts`, …) never reach the build.
const isTestFile = (entry: string) => /\.test\.tsx?$/.test(entry);

/** A hash of every source file's path, size and mtime: cheap, and changes whenever a build would. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else if (!isTestFile(entry)) {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) visit(source);
  return hash.digest('hex');
}

/** Runs `next build`; a stop signal meanwhile ends the build too (a plain `kill` of us would not reach it). */
function runBuild(): Promise<number> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    onShutdown(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const isCurrentBuild = (fingerprint: string) =>
  existsSync(path.join(distDir, 'BUILD_ID')) &&
  existsSync(FINGERPRINT_FILE) &&
  readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint;

/** Whether the process that took a lock is gone (killed with SIGKILL, say): then the lock is stale. */
function ownerIsGone(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(path.join(lock, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    // No pid file yet (the owner is between mkdir and write) counts as alive; a dead pid does not.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** One build at a time per output directory: a second `npm start` (or test run) waits, then reuses it. */
async function withBuildLock<T>(task: () => Promise<T>): Promise<T> {
  const lock = `${distDir}.build-lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const stale =
        existsSync(lock) && (ownerIsGone(lock) || Date.now() - statSync(lock).mtimeMs > 15 * 60_000);
      if (stale) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  const release = () => rmSync(lock, { recursive: true, force: true });
  // A stop signal exits without unwinding this function; registered before the build's own
  // task, so it runs after the build has stopped.
  onShutdown(release);
  try {
    return await task();
  } finally {
    release();
  }
}

const fingerprint = sourceFingerprint();
if (!isCurrentBuild(fingerprint)) {
  // The lock's finally must run before exiting, or a failed build would leave the lock behind.
  const code = await withBuildLock(async () => {
    if (isCurrentBuild(fingerprint)) return 0;
    const built = existsSync(path.join(distDir, 'BUILD_ID'));
    console.log(
      built ? '[start] sources changed since the last build; building…' : '[start] no build yet; building…',
    );
    // An interrupted build must never pass for the current one.
    rmSync(FINGERPRINT_FILE, { force: true });
    const buildCode = await runBuild();
    if (buildCode === 0) writeFileSync(FINGERPRINT_FILE, fingerprint);
    return buildCode;
  });
  if (code !== 0) process.exit(code);
}

if (buildOnly) process.exit(0);

try {
  server = await serve({
    dir: root,
    port: config.PORT,
    host: config.listenHost,
    trustedProxies: config.TRUSTED_PROXIES,
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `[start] port ${config.PORT} on ${config.listenHost ?? 'every interface'} is already in use; set PORT to another one`
      : `[start] the server failed to start: ${(error as Error).message}`,
  );
  await stopServerRuntime();
  process.exit(1);
}
const { address, port } = server.address;
const shownHost = address.includes(':') ? `[${address}]` : address;
console.log(
  `[start] listening on http://${shownHost}:${port} (${config.databaseKind}, Knox ${config.knoxSimulated ? 'simulator' : config.KNOX_BASE_URL}); open ${config.APP_URL}`,
);
if (config.knoxSimulated) {
  console.log(
    `[start] 데모 구성입니다: Knox는 내장 시뮬레이터(모의 결재)이고 ${config.listenHost === '127.0.0.1' ? '이 컴퓨터에서만 접속할 수 있습니다' : `HOST=${config.HOST}로 열려 있습니다`}. 실제 운영에는 KNOX_BASE_URL을 설정하세요.`,
  );
}
