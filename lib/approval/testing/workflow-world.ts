/**
 * The world of the engine's integration tests: a harness (PGlite, the Knox simulator), the
 * `it_probe` action whose handler records its effects, and helpers to read what happened. Each test
 * file calls setUpWorkflowWorld() once at its top; vitest runs every file in its own module scope.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { rowsOf } from '@/db/raw-sql';
import { approvalEvents, pendingActions } from '@/db/schema';
import { defaultKnoxClient, setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { registerActionHandler, withApproval } from '..';
import type { ApprovalConfig } from '../types';
import { type ApprovalHarness, setEngineEnv, startApprovalHarness } from './harness';

let h: ApprovalHarness;

const kim = { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com', name: '김구매' };
/** Executions that should throw, by probe label. */
const failing = new Set<string>();
/** Every handler run: its label and the transaction it ran on. */
/** Each handler run: its label and the database transaction it ran in. */
const runs: Array<{ label: string; tx: string | undefined }> = [];

/** Knox status codes of a document still waiting for a decision. */
const KNOX_OPEN_CODES = [-2, -1, 0, 1];

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

async function effects(apInfId: string): Promise<string[]> {
  const result = await h.database.db.execute<{ kind: string }>(
    sql`select kind from it_effects where ap_inf_id = ${apInfId} order by kind`,
  );
  return rows<{ kind: string }>(result).map((row) => row.kind);
}

async function action(apInfId: string) {
  const [row] = await h.database.db.select().from(pendingActions).where(eq(pendingActions.apInfId, apInfId));
  return row!;
}

async function events(apInfId: string) {
  return h.database.db
    .select()
    .from(approvalEvents)
    .where(eq(approvalEvents.apInfId, apInfId))
    .orderBy(asc(approvalEvents.id));
}

function config(overrides: Partial<ApprovalConfig> = {}): ApprovalConfig {
  return {
    title: '통합시험 결재',
    templateName: '협력업체 거래정지',
    variables: {
      요청부서: '구매팀',
      요청자: '김구매',
      요청일: '2026-11-21',
      협력업체명: '<시험>',
      업체정보: '-',
      정지사유: '시험',
    },
    approvers: ['A2001'],
    currentUser: kim,
    ...overrides,
  };
}

const submit = (label: string, overrides: Partial<ApprovalConfig> = {}) =>
  withApproval('it_probe', { label }, config(overrides));

/** Knox submit calls by document, counted on their way to the harness's real client. */
const submits: string[] = [];
const submitCalls = (apInfId: string) => submits.filter((id) => id === apInfId).length;

/** What a test file uses of the world (`w.h` is the harness once beforeAll ran). */
const world = {
  get h() {
    return h;
  },
  kim,
  failing,
  runs,
  KNOX_OPEN_CODES,
  rows,
  effects,
  action,
  events,
  config,
  submit,
  submitCalls,
};

/** Registers the file's hooks (the harness before all tests, faults and failures cleared before each). */
export function setUpWorkflowWorld(): typeof world {
  beforeAll(async () => {
    h = await startApprovalHarness({ clientTimeoutMs: 800 });
    const knox = defaultKnoxClient();
    setDefaultKnoxClient({
      submitApproval: (input) => {
        submits.push(input.apInfId);
        return knox.submitApproval(input);
      },
      getApprovalStatuses: (ids) => knox.getApprovalStatuses(ids),
      getApprovalDetail: (apInfId) => knox.getApprovalDetail(apInfId),
      cancelApproval: (apInfId, opinion) => knox.cancelApproval(apInfId, opinion),
    });
    setEngineEnv({
      APPROVAL_WORKFLOW_ENABLED: 'true',
      APPROVAL_LIVE_POLL_SECONDS: '1',
      APPROVAL_MAX_AGE_DAYS: '30',
    });
    await h.database.db.execute(
      sql`create table it_effects (ap_inf_id text not null, kind text not null, primary key (ap_inf_id, kind))`,
    );
    const record =
      (kind: string) =>
      async (
        _payload: unknown,
        ctx: { tx: { execute: (q: unknown) => Promise<unknown> }; apInfId: string },
      ) => {
        await ctx.tx.execute(sql`insert into it_effects (ap_inf_id, kind) values (${ctx.apInfId}, ${kind})`);
      };
    registerActionHandler<{ label: string }>('it_probe', {
      prepare: record('prepared') as never,
      compensate: record('compensated') as never,
      async execute(payload, ctx) {
        // The database's transaction id, not the handle: each handler gets its own savepoint
        // handle, all of one batch's on the same transaction.
        const [current] = rowsOf<{ txid: string }>(
          await ctx.tx.execute(sql`select txid_current()::text as txid`),
        );
        runs.push({ label: payload.label, tx: current?.txid });
        // Written first, so a throw afterwards proves the handler's writes are rolled back.
        await ctx.tx.execute(
          sql`insert into it_effects (ap_inf_id, kind) values (${ctx.apInfId}, 'executed')`,
        );
        if (failing.has(payload.label)) throw new Error(`시험용 실패: ${payload.label}`);
        return { label: payload.label, apInfId: ctx.apInfId };
      },
      risk: 'HIGH',
    });
  });

  afterAll(async () => {
    setEngineEnv({
      APPROVAL_WORKFLOW_ENABLED: undefined,
      APPROVAL_LIVE_POLL_SECONDS: undefined,
      APPROVAL_MAX_AGE_DAYS: undefined,
    });
    await h?.close();
  });

  beforeEach(async () => {
    await h.clearFaults();
    failing.clear();
  });
  return world;
}
