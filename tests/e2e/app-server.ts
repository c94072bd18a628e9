import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppServer {
  baseUrl: string;
  port: number;
  /** Everything the server printed so far, stdout and stderr interleaved. */
  output: string[];
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs scripts/start.ts (what `npm start` runs) and resolves with its exit code. */
export function runStartScript(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * The environment of a demo server for a test: this port, its own fresh PGlite under `dataDir`, the
 * in-app Knox simulator, whatever the developer's shell has set.
 */
export function demoServerEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
    DATABASE_URL: '',
    KNOX_BASE_URL: '',
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/**
 * Serves the production build (built once by global-setup.ts) through `npm start`'s own script, on a
 * free port with a fresh embedded database and the in-app Knox simulator: one per test file, so no
 * file sees another's approvals or vendors.
 */
export async function startAppServer(
  env: Record<string, string> = {},
  /** A data directory of the caller's, kept on stop (to start the same database again); else a fresh one. */
  keptDataDir?: string,
): Promise<AppServer> {
  const dataDir = keptDataDir ?? mkdtempSync(path.join(tmpdir(), 'approval-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...demoServerEnv(port, dataDir), APPROVAL_POLL_CRON: '*/5 * * * * *', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  server.stdout?.on('data', (chunk) => output.push(String(chunk)));
  server.stderr?.on('data', (chunk) => output.push(String(chunk)));
  if (process.env.E2E_SERVER_LOG) server.stdout?.pipe(process.stdout);

  await waitForHealth(baseUrl, server, output);
  return {
    baseUrl,
    port,
    output,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
      if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: string[]) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited during start-up:\n${output.join('')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // SIGTERM, not SIGKILL: a server still building stops its build and releases the build lock.
  server.kill('SIGTERM');
  throw new Error(`The app did not become healthy in time:\n${output.join('')}`);
}

/** The URL of this test file's own app server (started by per-file-server.ts). */
export function e2eBaseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: end-to-end tests run in the e2e Vitest project');
  return url;
}
