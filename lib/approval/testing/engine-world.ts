/**
 * Test support for the engine's race tests (*.pg.test.ts): the approval harness plus one probe
 * action type whose handler records each run in `reliability_side_effects` (and can be told to throw), a
 * submit helper, and readers for the rows a test asserts on.
 */
import { asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '@/db/raw-sql';
import { approvalEvents, approvalLogs, pendingActions } from '@/db/schema';
import { SIDE_EFFECT_DDL } from '@/tests/reliability/invariants';
import { registerActionHandler, withApproval } from '..';
import { type ApprovalHarness, setEngineEnv, startApprovalHarness } from './harness';

export const PROBE_TYPE = 'race_probe';

export interface EngineWorld {
  h: ApprovalHarness;
  /** A direct connection for the invariant checks (tests/reliability/invariants.ts); PostgreSQL only. */
  sql: postgres.Sql;
  /** Labels whose execution throws. */
  failing: Set<string>;
  /** Submits a probe document (or one of `actionType`, a handler the test registered). */
  submit(label: string, actionType?: string): Promise<string>;
  action(apInfId: string): Promise<typeof pendingActions.$inferSelect>;
  log(apInfId: string): Promise<typeof approvalLogs.$inferSelect>;
  events(apInfId: string): Promise<string[]>;
  /** Handler runs of a document: committed ones (the effect table) and every call (in memory). */
  runs(apInfId: string): Promise<{ committed: number; calls: number }>;
  close(): Promise<void>;
}

export async function startEngineWorld(options: { clientTimeoutMs?: number } = {}): Promise<EngineWorld> {
  const h = await startApprovalHarness({ clientTimeoutMs: options.clientTimeoutMs ?? 1_000 });
  setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'true', APPROVAL_MAX_AGE_DAYS: '30' });
  const url = h.database.url;
  const direct = url
    ? postgres(url, { max: 2, onnotice: () => {} })
    : (new Proxy(
        {},
        {
          get() {
            throw new Error('a direct connection exists on PostgreSQL only');
          },
        },
      ) as postgres.Sql);
  // The reliability suite's side-effect table, so its invariants read these tests' runs too.
  await h.database.db.execute(sql.raw(SIDE_EFFECT_DDL));
  const failing = new Set<string>();
  const calls = new Map<string, number>();
  registerActionHandler<{ label: string }>(PROBE_TYPE, {
    risk: 'HIGH',
    async execute(payload, ctx) {
      calls.set(ctx.apInfId, (calls.get(ctx.apInfId) ?? 0) + 1);
      await ctx.tx.execute(sql`
        insert into reliability_side_effects (ap_inf_id) values (${ctx.apInfId})
        on conflict (ap_inf_id) do update set runs = reliability_side_effects.runs + 1`);
      if (failing.has(payload.label)) throw new Error(`시험용 실패: ${payload.label}`);
      return { label: payload.label };
    },
  });
  const db = h.database.db;
  return {
    h,
    sql: direct,
    failing,
    async submit(label, actionType = PROBE_TYPE) {
      const result = await withApproval(
        actionType,
        { label },
        {
          title: `경합 시험 ${label}`,
          templateName: '협력업체 거래정지',
          variables: { 요청부서: '구매팀', 요청자: '김구매', 요청일: '2026-11-21', 협력업체명: label },
          approvers: ['A2001'],
          currentUser: { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com' },
        },
      );
      return result.approvalId;
    },
    async action(apInfId) {
      const [row] = await db.select().from(pendingActions).where(eq(pendingActions.apInfId, apInfId));
      return row!;
    },
    async log(apInfId) {
      const [row] = await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, apInfId));
      return row!;
    },
    async events(apInfId) {
      const rows = await db
        .select()
        .from(approvalEvents)
        .where(eq(approvalEvents.apInfId, apInfId))
        .orderBy(asc(approvalEvents.id));
      return rows.map((row) => `${row.eventType}(${row.fromStatus ?? '∅'}>${row.toStatus ?? '∅'})`);
    },
    async runs(apInfId) {
      const rows = rowsOf<{ runs: number }>(
        await db.execute(sql`select runs from reliability_side_effects where ap_inf_id = ${apInfId}`),
      );
      return { committed: rows[0] ? Number(rows[0].runs) : 0, calls: calls.get(apInfId) ?? 0 };
    },
    async close() {
      if (url) await direct.end({ timeout: 5 });
      setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: undefined, APPROVAL_MAX_AGE_DAYS: undefined });
      await h.close();
    },
  };
}
