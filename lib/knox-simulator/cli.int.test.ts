/**
 * `npm run knox-sim` as a user runs it: a child process on its own database, serving the API,
 * stopping cleanly on Ctrl-C (SIGINT), and refusing bad arguments with exit code 2.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'knox-sim-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/knox-sim.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    text += String(chunk);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exit };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run knox-sim', () => {
  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--bogus'], /unknown option '--bogus'/],
    [
      ['--data-dir', dataDir, '--database-url', 'postgres://127.0.0.1/x'],
      /either --data-dir or --database-url/,
    ],
    [['--database-url', 'mysql://x'], /postgres:\/\//],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { exit, output } = run(args);
    expect(await exit).toBe(2);
    expect(output().trim().split('\n')).toHaveLength(1);
    expect(output()).toMatch(message);
  });

  it('serves the Knox API on its own database and stops on SIGINT', async () => {
    const port = await freePort();
    const { child, exit, output } = run(['--port', String(port), '--data-dir', path.join(dataDir, 'db')]);
    const base = `http://127.0.0.1:${port}`;
    let status: unknown;
    for (let attempt = 0; attempt < 120 && status === undefined; attempt++) {
      try {
        const response = await fetch(`${base}/approval/api/v2.0/approvals/status`, {
          method: 'POST',
          headers: { 'System-ID': SIMULATOR_SYSTEM_ID, Authorization: `Bearer ${SIMULATOR_TOKEN}` },
          body: JSON.stringify([{ apinfid: 'nothing-here' }]),
        });
        status = await response.json();
      } catch {
        if (child.exitCode !== null) throw new Error(`knox-sim exited early:\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(status).toMatchObject({ result: 'fail', errorDetail: { errorCode: 'APE020' } });
    const people = await (
      await fetch(`${base}/sim/people`, {
        headers: { 'System-ID': SIMULATOR_SYSTEM_ID, Authorization: `Bearer ${SIMULATOR_TOKEN}` },
      })
    ).json();
    expect(people.data.map((person: { epId: string }) => person.epId)).toEqual(
      expect.arrayContaining(['E1001', 'A2001', 'A2002']),
    );
    expect(output()).toContain(`KNOX_BASE_URL=${base}`);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(output()).toContain('stopping');
  });
});
