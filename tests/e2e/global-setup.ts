import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3210);

/**
 * Builds the app when the build is stale and serves it through `npm start`'s own script on a test
 * port, with a fresh embedded database in a temporary directory.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'approval-e2e-'));
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      PORT: String(PORT),
      APP_URL: baseUrl,
      PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
      DATABASE_URL: '',
      KNOX_BASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      APPROVAL_POLL_CRON: '*/5 * * * * *',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  server.stdout?.on('data', (chunk) => output.push(String(chunk)));
  server.stderr?.on('data', (chunk) => output.push(String(chunk)));
  if (process.env.E2E_SERVER_LOG) server.stdout?.pipe(process.stdout);

  await waitForHealth(baseUrl, server, output);
  project.provide('baseUrl', baseUrl);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: string[]) {
  const deadline = Date.now() + 280_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited during start-up:\n${output.join('')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill('SIGKILL');
  throw new Error(`The app did not become healthy in time:\n${output.join('')}`);
}
