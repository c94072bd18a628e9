import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'approval-start-refusal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs scripts/start.ts as `npm start` does; stops it (and any build it began) if still running after `ms`. */
function runStart(env: Record<string, string>, ms = 15_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        KNOX_BASE_URL: '',
        BETTER_AUTH_SECRET: '',
        SEED_DEMO: '',
        KNOX_SIMULATOR: '',
        PGLITE_DATA_DIR: path.join(scratch, 'pglite'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start of a real deployment without KNOX_BASE_URL', () => {
  it.each([
    [{ SEED_DEMO: 'false' }, 'SEED_DEMO=false'],
    [{ BETTER_AUTH_SECRET: 's'.repeat(40) }, 'BETTER_AUTH_SECRET is set'],
  ])(
    'refuses %o in one line, before touching the database',
    async (env, reason) => {
      const { code, stdout, stderr } = await runStart(env);
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid configuration: KNOX_BASE_URL /);
      expect(lines[0]).toContain(reason);
      expect(lines[0]).toContain('KNOX_SIMULATOR=true');
      expect(stdout).not.toContain('[db]');
      expect(existsSync(path.join(scratch, 'pglite'))).toBe(false);
    },
    30_000,
  );
});
