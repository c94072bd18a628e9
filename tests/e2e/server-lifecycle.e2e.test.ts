import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoServerEnv, freePort, PROJECT_ROOT } from './app-server';
import { isRunning, portIsFree, processTree } from './process-tree';

// What systemd and container runtimes do: signal the top process only (npm), never the group.

const dataDir = mkdtempSync(path.join(tmpdir(), 'approval-lifecycle-'));
const started: ChildProcess[] = [];

interface NpmStart {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  output: string[];
  exited: Promise<void>;
}

async function npmStart(port: number): Promise<NpmStart> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn('npm', ['start'], {
    cwd: PROJECT_ROOT,
    env: { ...demoServerEnv(port, dataDir), APPROVAL_POLL_CRON: '*/2 * * * * *' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited during start-up:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${output.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, baseUrl, port, output, exited };
}

async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: 'kim.employee@example.com', password: 'demo1234!' }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  expect(cookie).toContain('session_token');
  return cookie;
}

async function sessionEmail(baseUrl: string, cookie: string): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/api/auth/get-session`, { headers: { cookie } });
  const body = (await response.json()) as { user?: { email?: string } } | null;
  return body?.user?.email;
}

/** Sends `signal` to npm's pid alone and expects the whole tree gone and the port free within 10 s. */
async function stopWith(server: NpmStart, signal: NodeJS.Signals) {
  // Wait until the tree is complete (npm → node serving), so the signal does not race start-up.
  const tree = processTree(server.child.pid!);
  expect(tree.length).toBeGreaterThan(1);
  const sentAt = Date.now();
  process.kill(server.child.pid!, signal);
  while (Date.now() - sentAt < 10_000 && tree.some(isRunning)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const survivors = tree.filter(isRunning);
  // Don't leave a stray server behind for the next test when this one fails.
  for (const pid of survivors) process.kill(pid, 'SIGKILL');
  expect(survivors, `still running 10 s after ${signal}:\n${server.output.join('')}`).toEqual([]);
  await server.exited;
  expect(await portIsFree(server.port)).toBe(true);
  const log = server.output.join('');
  expect(log).toContain(`[server] ${signal}: stopping`);
  expect(log).toContain('[server] poller stopped');
  expect(log).toContain('[server] database closed');
}

afterEach(() => {
  for (const child of started.splice(0)) {
    for (const pid of processTree(child.pid!).filter(isRunning)) process.kill(pid, 'SIGKILL');
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start under a service manager', () => {
  it('stops the whole tree on SIGTERM to npm, and a restart still has the data', async () => {
    const first = await npmStart(await freePort());
    const cookie = await signIn(first.baseUrl);
    await stopWith(first, 'SIGTERM');

    const second = await npmStart(await freePort());
    expect(await sessionEmail(second.baseUrl, cookie)).toBe('kim.employee@example.com');
    await stopWith(second, 'SIGINT');
  });
});
