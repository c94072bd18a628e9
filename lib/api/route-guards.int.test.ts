import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

/**
 * Every route handler under app/api asks who is calling: found on disk, so a new route is held
 * to it too. Without credentials each method answers 401 (or 405 for a method the route does not
 * serve), never data. Routes with rules of their own are tested beside them: /api/auth (better-auth
 * signs people in), /api/health and /api/metrics (lib/api/health.int.test.ts, metrics tests).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const OWN_RULES = ['app/api/auth/', 'app/api/health/', 'app/api/metrics/'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routes(dir = 'app/api', found: string[] = []): string[] {
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const relative = path.posix.join(dir, entry);
    if (statSync(path.join(ROOT, relative)).isDirectory()) routes(relative, found);
    else if (entry === 'route.ts') found.push(relative);
  }
  return found;
}

const guarded = routes().filter((file) => !OWN_RULES.some((prefix) => file.startsWith(prefix)));

/** Params for the route's dynamic segments: any value, since the caller is refused before it is read. */
function paramsOf(file: string): Record<string, string> {
  return Object.fromEntries([...file.matchAll(/\[([^\]]+)\]/g)].map((match) => [match[1]!, '1']));
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
});
afterAll(() => database?.destroy());

describe('route handlers under app/api', () => {
  it('are found on disk', () => {
    expect(guarded).toEqual(expect.arrayContaining(['app/api/approvals/route.ts', 'app/api/mcp/route.ts']));
  });

  it.each(guarded)('%s refuses a caller without credentials', async (file) => {
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const handlers = METHODS.filter((method) => typeof module[method] === 'function');
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) {
      for (const authorization of [undefined, 'Bearer not-a-real-token']) {
        const request = new Request(`http://localhost/${file}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
          },
          body: method === 'GET' ? undefined : '{}',
        });
        const handler = module[method] as (request: Request, route: unknown) => Promise<Response>;
        const response = await handler(request, { params: Promise.resolve(paramsOf(file)) });
        expect([401, 405], `${method} ${file}`).toContain(response.status);
      }
    }
  });
});
