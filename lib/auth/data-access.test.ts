import { beforeEach, describe, expect, it, vi } from 'vitest';

// Who is signed in, as the session would say; the guards redirect by throwing, as Next's redirect() does.
const session = vi.hoisted(() => ({ role: null as 'admin' | 'employee' | null, opened: 0 }));
vi.mock('@/lib/auth/session', () => {
  const user = () => ({ id: 'u1', name: '테스트', email: 't@example.com', epId: null, role: session.role! });
  return {
    requireUser: async () => {
      if (!session.role) throw new Error('NEXT_REDIRECT /sign-in');
      return user();
    },
    requireAdmin: async () => {
      if (!session.role) throw new Error('NEXT_REDIRECT /sign-in');
      if (session.role !== 'admin') throw new Error('NEXT_REDIRECT /forbidden');
      return user();
    },
  };
});
vi.mock('@/db', () => ({
  getDb: async () => {
    session.opened++;
    return { handle: 'db' };
  },
}));

const { forAdmin, forUser, guardOf } = await import('./data-access');

beforeEach(() => {
  session.opened = 0;
});

describe('page-data loaders', () => {
  const userLoad = vi.fn(async (_viewer: unknown, id: number) => `vendor ${id}`);
  const adminLoad = vi.fn(async () => 'system');
  const userData = forUser(userLoad);
  const adminData = forAdmin(adminLoad);

  it('send an anonymous visitor away before opening the database or loading', async () => {
    session.role = null;
    await expect(userData(4)).rejects.toThrow('/sign-in');
    await expect(adminData()).rejects.toThrow('/sign-in');
    expect(userLoad).not.toHaveBeenCalled();
    expect(adminLoad).not.toHaveBeenCalled();
    expect(session.opened).toBe(0);
  });

  it('send an employee away from admin data, and load theirs with the user and the handle', async () => {
    session.role = 'employee';
    await expect(adminData()).rejects.toThrow('/forbidden');
    expect(adminLoad).not.toHaveBeenCalled();
    await expect(userData(4)).resolves.toBe('vendor 4');
    expect(userLoad).toHaveBeenCalledWith(
      { db: { handle: 'db' }, user: expect.objectContaining({ id: 'u1' }) },
      4,
    );
  });

  it('load admin data for an admin', async () => {
    session.role = 'admin';
    await expect(adminData()).resolves.toBe('system');
  });

  it('carry the guard they run, so a test can tell them from plain functions', () => {
    expect(guardOf(userData)).toBe('user');
    expect(guardOf(adminData)).toBe('admin');
    expect(guardOf(async () => null)).toBeUndefined();
  });
});
