/**
 * Test support for the approval engine (imported by *.int.test.ts / *.pg.test.ts only): a fresh
 * seeded database installed as the process-wide one, and the Knox simulator on a real HTTP port
 * with the default Knox client pointed at it.
 */
import { sql } from 'drizzle-orm';
import { setDatabase } from '@/db';
import { seedDatabase } from '@/db/seed';
import { resetEnvCache, SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { createKnoxApprovalClient, setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

export interface ApprovalHarness {
  database: TestDatabase;
  knoxUrl: string;
  /** Acts in the simulator's inbox as an approver (control API over HTTP). */
  act(
    apInfId: string,
    epId: string,
    action: 'approve' | 'reject' | 'arbitrary' | 'hold',
    opinion?: string,
  ): Promise<void>;
  /** Approves (결재 and 합의) as every blocking entry of the document's line, in line order. */
  approveAll(apInfId: string): Promise<void>;
  setFaults(settings: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  /** Knox's status of a document, read from the simulator's own table (null: Knox does not have it). */
  knoxStatus(apInfId: string): Promise<number | null>;
  close(): Promise<void>;
}

export async function startApprovalHarness(
  options: { poolSize?: number; clientTimeoutMs?: number } = {},
): Promise<ApprovalHarness> {
  const database = await createTestDatabase({ poolSize: options.poolSize });
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
  const server = await startKnoxSimulatorServer({ db: database.db, port: 0 });
  setDefaultKnoxClient(
    createKnoxApprovalClient({
      baseUrl: server.url,
      systemId: SIMULATOR_SYSTEM_ID,
      token: SIMULATOR_TOKEN,
      timeoutMs: options.clientTimeoutMs ?? 2_000,
      readAttempts: 2,
      sleep: async () => {},
    }),
  );
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'System-ID': SIMULATOR_SYSTEM_ID,
        Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { result?: string; errorDetail?: { errorMessage?: string } };
    if (json.result !== 'success') throw new Error(`simulator ${path} refused: ${JSON.stringify(json)}`);
  };
  return {
    database,
    knoxUrl: server.url,
    act: (apInfId, epId, action, opinion) => control('POST', '/sim/act', { apInfId, epId, action, opinion }),
    async approveAll(apInfId) {
      // Knox line roles 0 (기안) and 9 (통보) never act; every other entry must approve, by seq.
      const result = await database.db.execute<{ ep_id: string }>(
        sql`select ep_id from knox_sim_lines where ap_inf_id = ${apInfId} and role not in (0, 9) order by seq`,
      );
      const rows = Array.isArray(result) ? result : (result as unknown as { rows: { ep_id: string }[] }).rows;
      if (rows.length === 0) throw new Error(`no approvers on ${apInfId}`);
      for (const row of rows)
        await control('POST', '/sim/act', { apInfId, epId: row.ep_id, action: 'approve' });
    },
    setFaults: (settings) => control('POST', '/sim/faults', settings),
    clearFaults: () => control('DELETE', '/sim/faults'),
    async knoxStatus(apInfId) {
      const result = await database.db.execute<{ status: number }>(
        sql`select status from knox_sim_documents where ap_inf_id = ${apInfId}`,
      );
      const rows = Array.isArray(result)
        ? result
        : (result as unknown as { rows: { status: number }[] }).rows;
      return rows[0] ? Number(rows[0].status) : null;
    },
    async close() {
      setDefaultKnoxClient(null);
      await server.close();
      await database.destroy();
      resetEnvCache();
    },
  };
}

/** Sets environment variables for the engine and clears env()'s cache. */
export function setEngineEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}
