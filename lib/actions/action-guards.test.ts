import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/current-user';

/**
 * Every server action in lib/<feature>/actions.ts asks who is calling before it does anything:
 * found on disk, so a new action module is held to it too. An anonymous caller is refused with
 * UNAUTHENTICATED, an employee calling an admin action with FORBIDDEN, before the input is read.
 * lib/auth/actions.ts (sign-in and sign-out, which must work signed out) is its own boundary.
 */

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXEMPT = new Set(['lib/auth/actions.ts']);
/** Modules whose every action is for admins only. */
const ADMIN_MODULES = new Set(['lib/admin/actions.ts']);

const actionModules = readdirSync(path.join(ROOT, 'lib'))
  .map((feature) => `lib/${feature}/actions.ts`)
  .filter((file) => {
    try {
      return statSync(path.join(ROOT, file)).isFile() && !EXEMPT.has(file);
    } catch {
      return false;
    }
  });

const employee: CurrentUser = {
  id: 'usr_kim',
  name: '김구매',
  email: 'kim.employee@example.com',
  epId: 'E1001',
  role: 'employee',
  department: null,
  title: null,
};

async function actionsOf(file: string): Promise<Array<[string, (input: unknown) => Promise<unknown>]>> {
  expect(
    readFileSync(path.join(ROOT, file), 'utf8').startsWith("'use server'"),
    `${file} is a server action module`,
  ).toBe(true);
  const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  const actions = Object.entries(module).filter(
    (entry): entry is [string, (input: unknown) => Promise<unknown>] => typeof entry[1] === 'function',
  );
  expect(actions.length, `${file} exports actions`).toBeGreaterThan(0);
  return actions;
}

describe('server actions', () => {
  it('are found on disk', () => {
    expect(actionModules).toEqual(
      expect.arrayContaining(['lib/admin/actions.ts', 'lib/approval-log/actions.ts']),
    );
  });

  it.each(actionModules)('in %s refuse an anonymous caller', async (file) => {
    session.user = null;
    for (const [name, action] of await actionsOf(file)) {
      await expect(action({}), name).resolves.toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: expect.any(String) },
      });
    }
  });

  it.each([...ADMIN_MODULES])('in %s refuse an employee', async (file) => {
    session.user = employee;
    for (const [name, action] of await actionsOf(file)) {
      await expect(action({}), name).resolves.toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.any(String) },
      });
    }
  });
});
