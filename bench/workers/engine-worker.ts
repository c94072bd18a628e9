/**
 * One engine instance in its own process (its own pool, event loop and memory), driven by the
 * benchmark or reliability harness over IPC. It runs the real engine — withApproval,
 * executeApprovedActions, checkPendingApprovals — against the harness's PostgreSQL database and the
 * harness's Knox simulator; only the handler is the harness's: one row per executed document.
 */
import pLimit from 'p-limit';
import { openDatabase, setDatabase } from '@/db';
import { setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { onParentMessage, sendToParent } from '../lib/child';
import { HARNESS_TEMPLATE, harnessVariables } from '../lib/document-input';
import { type HandlerMode, registerHarnessHandler } from '../lib/handler';
import { knoxClientFor } from '../lib/knox-client';

let actionType = 'bench_trivial';

async function init(message: Record<string, unknown>) {
  const handle = await openDatabase({ url: String(message.url), poolSize: Number(message.poolSize ?? 10) });
  setDatabase(handle);
  setDefaultKnoxClient(knoxClientFor(String(message.knoxUrl), Number(message.knoxTimeoutMs ?? 10_000)));
  actionType = String(message.actionType ?? actionType);
  await registerHarnessHandler(actionType, (message.mode as HandlerMode) ?? 'bench');
  sendToParent({ type: 'ready', pid: process.pid });
}

/**
 * Executes the approved ids as the poller does: in batches of EXECUTION_BATCH_SIZE (one Knox status
 * call's worth), `message.concurrency` batches at a time.
 */
async function execute(message: Record<string, unknown>) {
  const { EXECUTION_BATCH_SIZE, executeApprovedActions } = await import('@/lib/approval');
  const ids = message.ids as string[];
  const limit = pLimit(Number(message.concurrency ?? 8));
  let executedNow = 0;
  const errors: string[] = [];
  const batches: string[][] = [];
  const startedAt = Date.now();
  for (let offset = 0; offset < ids.length; offset += EXECUTION_BATCH_SIZE) {
    batches.push(ids.slice(offset, offset + EXECUTION_BATCH_SIZE));
  }
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        try {
          const outcomes = await executeApprovedActions(batch);
          executedNow += outcomes.filter((outcome) => outcome.executedNow).length;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }),
    ),
  );
  sendToParent({
    type: 'executed',
    executedNow,
    errors: errors.slice(0, 20),
    errorCount: errors.length,
    startedAt,
    finishedAt: Date.now(),
  });
}

async function submit(message: Record<string, unknown>) {
  const { withApproval } = await import('@/lib/approval');
  const requester = message.requester as { id: string; epId: string; email: string };
  const ids: string[] = [];
  const run = await timedConcurrently(message, async (index) => {
    const result = await withApproval(
      actionType,
      { n: index },
      {
        title: `벤치마크 문서 ${index}`,
        templateName: HARNESS_TEMPLATE,
        variables: harnessVariables(index),
        approvers: [String(message.approverEpId ?? 'A2001')],
        currentUser: requester,
      },
    );
    ids.push(result.approvalId);
  });
  sendToParent({ type: 'submitted', ...run, ids });
}

/**
 * The bare loop the submission benchmark compares with: per request one INSERT and one Knox submit
 * of the same rendered document, nothing else (no transaction, no event, no settling).
 */
async function bareSubmit(message: Record<string, unknown>) {
  const { getDb } = await import('@/db');
  const { sql } = await import('drizzle-orm');
  const { findApprovalTemplateByName, generateApInfId, replaceTemplateVariables } = await import(
    '@/lib/approval'
  );
  const { submitApproval } = await import('@/lib/knox-api/approval');
  const db = await getDb();
  const requester = message.requester as { id: string; epId: string; email: string };
  const approver = message.approver as { id: string; epId: string; email: string };
  const template = await findApprovalTemplateByName(db, HARNESS_TEMPLATE);
  if (!template) throw new Error('template 정규업체 등록 is missing');
  await db.execute(
    sql`create table if not exists bench_bare_submissions (ap_inf_id text primary key, payload jsonb not null)`,
  );
  const run = await timedConcurrently(message, async (index) => {
    const { html } = replaceTemplateVariables(template.content, harnessVariables(index));
    const apInfId = generateApInfId();
    await db.execute(
      sql`insert into bench_bare_submissions (ap_inf_id, payload) values (${apInfId}, ${JSON.stringify({ n: index })}::jsonb)`,
    );
    await submitApproval({
      apInfId,
      subject: `벤치마크 문서 ${index}`,
      contents: html,
      drafter: { epId: requester.epId, userId: requester.id, emailAddress: requester.email },
      line: [{ epId: approver.epId, userId: approver.id, emailAddress: approver.email, role: 'approve' }],
    });
  });
  sendToParent({ type: 'bare-submitted', ...run });
}

/**
 * Runs `message.count` requests, `message.concurrency` at a time, timing each: the submission
 * benchmark's two sides share this loop so that only the work inside differs.
 */
async function timedConcurrently(
  message: Record<string, unknown>,
  request: (index: number) => Promise<void>,
) {
  const limit = pLimit(Number(message.concurrency ?? 50));
  const latencies: number[] = [];
  const errors: string[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Number(message.count) }, (_, index) =>
      limit(async () => {
        const started = performance.now();
        try {
          await request(index);
          latencies.push(performance.now() - started);
        } catch (error) {
          errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
      }),
    ),
  );
  return {
    seconds: (performance.now() - start) / 1000,
    latencies,
    errors: errors.slice(0, 20),
    errorCount: errors.length,
  };
}

async function poll(message: Record<string, unknown>) {
  const { checkPendingApprovals } = await import('@/lib/approval');
  const cycles = Number(message.cycles ?? 1);
  const summaries: unknown[] = [];
  const errors: string[] = [];
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    try {
      summaries.push(await checkPendingApprovals());
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    if (message.pauseMs) await new Promise((resolve) => setTimeout(resolve, Number(message.pauseMs)));
  }
  sendToParent({ type: 'polled', summaries, errors });
}

/** Many callers waiting for decisions, as MCP tool calls do; reports when each answer arrived. */
async function wait(message: Record<string, unknown>) {
  const { waitForApprovalDecision } = await import('@/lib/approval');
  const { liveWaitCount } = await import('@/lib/approval/poller/decision-waiter');
  const ids = message.ids as string[];
  const answers: Array<{ apInfId: string; at: number; outcome: string }> = [];
  const all = Promise.all(
    ids.map(async (apInfId) => {
      try {
        const outcome = await waitForApprovalDecision(apInfId, { timeoutMs: Number(message.timeoutMs) });
        answers.push({ apInfId, at: Date.now(), outcome: outcome.outcome });
      } catch (error) {
        answers.push({
          apInfId,
          at: Date.now(),
          outcome: `error: ${error instanceof Error ? error.message : error}`,
        });
      }
    }),
  );
  while (liveWaitCount() + answers.length < ids.length)
    await new Promise((resolve) => setTimeout(resolve, 20));
  sendToParent({ type: 'waiting', count: liveWaitCount() });
  await all;
  sendToParent({ type: 'answers', answers });
}

let liveServer: { url: string; streams(): number } | undefined;

async function serveLive() {
  const { startLiveHttpServer } = await import('../lib/live-host');
  liveServer = await startLiveHttpServer();
  sendToParent({ type: 'live-ready', url: liveServer.url });
}

async function serveMcp() {
  const { startMcpHttpServer } = await import('../lib/mcp-host');
  const server = await startMcpHttpServer();
  sendToParent({ type: 'mcp-ready', url: server.url });
}

function stats() {
  const usage = process.memoryUsage();
  sendToParent({
    type: 'stats',
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    streams: liveServer?.streams() ?? 0,
  });
}

onParentMessage(async (message) => {
  switch (message.type) {
    case 'init':
      return init(message);
    case 'execute':
      return execute(message);
    case 'submit':
      return submit(message);
    case 'bare-submit':
      return bareSubmit(message);
    case 'wait':
      return wait(message);
    case 'stats':
      return stats();
    case 'serve-mcp':
      return serveMcp();
    case 'serve-live':
      return serveLive();
    case 'poll':
      return poll(message);
    case 'exit':
      process.exit(0);
  }
});
sendToParent({ type: 'spawned', pid: process.pid });
