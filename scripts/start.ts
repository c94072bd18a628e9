/**
 * `npm start`: migrate, seed, build when the current build is missing or stale, then `next start`.
 * `--build-only` just brings the build up to date (the end-to-end tests' global set-up uses it).
 * The database is closed before Next starts: PGlite's data directory may be open in one process only.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeDatabase } from '@/db';
import { openConfiguredDatabase, prepareDatabase } from '@/lib/server/database-setup';
import { requireValidEnv } from './cli-env';

const root = process.cwd();
const config = requireValidEnv();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const buildOnly = process.argv.includes('--build-only');

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
];

/** A hash of every source file's path, size and mtime: cheap, and changes whenever a build would. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) visit(source);
  return hash.digest('hex');
}

function run(args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], {
      stdio: 'inherit',
      env: { ...process.env, ...extraEnv },
    });
    // Ctrl-C reaches the whole process group, Next included; a plain `kill` of this process does not,
    // so pass it on and wait for Next to close the database and exit.
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 0 : 1));
    });
  });
}

const isCurrentBuild = (fingerprint: string) =>
  existsSync(path.join(distDir, 'BUILD_ID')) &&
  existsSync(FINGERPRINT_FILE) &&
  readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint;

/** One build at a time per output directory: a second `npm start` (or test run) waits, then reuses it. */
async function withBuildLock<T>(task: () => Promise<T>): Promise<T> {
  const lock = `${distDir}.build-lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const stale = existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 15 * 60_000;
      if (stale) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await task();
  } finally {
    rmSync(lock, { recursive: true, force: true });
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
    const buildCode = await run(['build']);
    if (buildCode === 0) writeFileSync(FINGERPRINT_FILE, fingerprint);
    return buildCode;
  });
  if (code !== 0) process.exit(code);
}

if (buildOnly) process.exit(0);

console.log(
  `[start] serving on http://localhost:${config.PORT} (${config.databaseKind}, Knox ${config.knoxSimulated ? 'simulator' : config.KNOX_BASE_URL})`,
);
// NEXT_MANUAL_SIG_HANDLE: Next leaves SIGINT/SIGTERM to instrumentation.ts, which stops the poller
// and closes the database before exiting, so PGlite's files are never left half-written.
process.exit(await run(['start', '--port', String(config.PORT)], { NEXT_MANUAL_SIG_HANDLE: 'true' }));
