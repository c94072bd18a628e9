import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db';
import { vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { seededRandom } from '@/tests/setup/seeded-random';
import { createScratchPostgresDatabase } from '@/tests/setup/test-database';

/**
 * 50 agents wait on HIGH approvals at the same time against the built app on PostgreSQL, and the
 * approver decides them in a random order (seeded and printed, TEST_SEED replays it): every call
 * gets its own result, and the app never holds more database connections than its pool (plus the
 * one LISTEN connection of the decision waiters).
 */

const CALLS = 50;
const POOL_SIZE = 5;
const root = path.resolve(import.meta.dirname, '../..');

let scratch: { url: string; drop: () => Promise<void> };
let databaseName: string;
let server: ChildProcess | undefined;
let baseUrl: string;
const output: string[] = [];
let vendorIds: number[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 540_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`The app exited during start-up:\n${output.join('')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not become healthy in time:\n${output.join('')}`);
}

beforeAll(async () => {
  scratch = await createScratchPostgresDatabase();
  databaseName = decodeURIComponent(new URL(scratch.url).pathname.slice(1));
  const handle = await openDatabase({ url: scratch.url, poolSize: 2 });
  try {
    await handle.migrate();
    await seedDatabase(handle.db, { demo: true });
    // Fixture: one PQ-approved vendor per agent, so each call registers a different one.
    const rows = await handle.db
      .insert(vendors)
      .values(
        Array.from({ length: CALLS }, (_, index) => ({
          name: `동시성시험 ${String(index + 1).padStart(2, '0')}`,
          businessNumber: `900-${String(index + 1).padStart(2, '0')}-00000`,
          representative: '홍길동',
          industry: '기계',
          address: '서울특별시 중구',
          contactName: '담당자',
          contactEmail: `vendor${index + 1}@example.com`,
          status: 'pq_approved' as const,
        })),
      )
      .returning({ id: vendors.id });
    vendorIds = rows.map((row) => row.id);
  } finally {
    await handle.close();
  }

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: baseUrl,
      DATABASE_URL: scratch.url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      KNOX_BASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      APPROVAL_POLL_CRON: '*/5 * * * * *',
      APPROVAL_LIVE_POLL_SECONDS: '2',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => output.push(String(chunk)));
  server.stderr?.on('data', (chunk) => output.push(String(chunk)));
  await waitForHealth();
}, 600_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  await scratch?.drop();
}, 60_000);

async function connect(): Promise<Client> {
  const client = new Client({ name: 'concurrency-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/api/mcp', baseUrl), {
      requestInit: { headers: { authorization: 'Bearer demo-kim.employee' } },
    }),
  );
  return client;
}

describe(`${CALLS} agents waiting for approval at once (PostgreSQL)`, () => {
  it('each gets its own result, approved in random order, within the connection pool', async () => {
    const monitor = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    let maxConnections = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [row] = await monitor<{ count: number }[]>`
          select count(*)::int as count from pg_stat_activity where datname = ${databaseName}`;
        maxConnections = Math.max(maxConnections, row!.count);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    try {
      const clients = await Promise.all(vendorIds.map(() => connect()));
      const announced = new Map<number, string>();
      let allAnnounced: () => void;
      const everyoneWaiting = new Promise<void>((resolve) => {
        allAnnounced = resolve;
      });
      const calls = vendorIds.map(
        (vendorId, index) =>
          clients[index]!.callTool(
            {
              name: 'register_regular_vendor',
              arguments: { vendorId, reason: `동시 요청 ${index}` },
            },
            undefined,
            {
              timeout: 240_000,
              resetTimeoutOnProgress: true,
              onprogress: (update) => {
                const id = update.message?.match(/AP[0-9A-Z]{10,}/)?.[0];
                if (id && !announced.has(vendorId)) {
                  announced.set(vendorId, id);
                  if (announced.size === vendorIds.length) allAnnounced();
                }
              },
            },
          ) as Promise<CallToolResult>,
      );
      const settled = { count: 0 };
      for (const call of calls) void call.finally(() => settled.count++);
      await everyoneWaiting;
      // All 50 submitted and none answered yet: they are all waiting at once.
      expect(settled.count).toBe(0);

      // Each document's rule line: 김구매's 팀장, then 담당임원.
      for (const vendorId of seededRandom('mcp-concurrency').shuffle(vendorIds)) {
        for (const epId of ['A2001', 'A2002']) {
          const response = await fetch(`${baseUrl}/knox-sim/sim/act`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'System-ID': SIMULATOR_SYSTEM_ID,
              Authorization: `Bearer ${SIMULATOR_TOKEN}`,
            },
            body: JSON.stringify({ apInfId: announced.get(vendorId), epId, action: 'approve' }),
          });
          expect(((await response.json()) as { result: string }).result).toBe('success');
        }
      }

      const results = await Promise.all(calls);
      results.forEach((result, index) => {
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        const body = JSON.parse((result.content[0] as { text: string }).text) as {
          apInfId: string;
          outcome: string;
          result: { vendorId?: number } & Record<string, unknown>;
        };
        expect(body.outcome).toBe('executed');
        expect(body.apInfId).toBe(announced.get(vendorIds[index]!));
        expect(body.result.vendorId).toBe(vendorIds[index]);
      });
      expect(new Set(results.map((result) => (result.content[0] as { text: string }).text)).size).toBe(CALLS);
      await Promise.all(clients.map((client) => client.close()));

      const response = await fetch(`${baseUrl}/api/approvals?status=executed&limit=500`, {
        headers: { authorization: 'Bearer demo-kim.employee' },
      });
      expect(((await response.json()) as { total: number }).total).toBe(CALLS);
    } finally {
      sampling = false;
      await sampler;
      await monitor.end();
    }
    console.info(
      `[concurrency] ${CALLS} waiting calls, pool ${POOL_SIZE}: at most ${maxConnections} connections`,
    );
    // The pool, plus the dedicated LISTEN connection the decision waiters share.
    expect(maxConnections).toBeGreaterThan(0);
    expect(maxConnections).toBeLessThanOrEqual(POOL_SIZE + 1);
  }, 300_000);
});
