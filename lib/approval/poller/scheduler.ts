import { eq } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import { type Db, getDb, type Tx } from '@/db';
import { schedulerLeases } from '@/db/schema';
import { env } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { errorText } from '../errors';
import type { PollerState } from '../types';
import { checkPendingApprovals } from './cycle';
import { createLeaseCoordinator, instanceId, POLLER_LEASE_MS, POLLER_LEASE_NAME } from './lease';

const pollLog = () => logger().child({ component: 'approval-poller' });

export interface PollingSchedulerOptions {
  cron?: string;
  holder?: string;
  /** What one elected tick runs; the poller cycle by default. */
  run?: () => Promise<unknown>;
  /** How long an elected run keeps others off unless renewed, ms (default POLLER_LEASE_MS). */
  leaseMs?: number;
}

/** A poller schedule; startApprovalPollingScheduler() keeps the process-wide one. */
export function createPollingScheduler(options: PollingSchedulerOptions = {}): ScheduledTask {
  const holder = options.holder ?? instanceId();
  const expression = options.cron ?? env().APPROVAL_POLL_CRON;
  const run = options.run ?? checkPendingApprovals;
  const task = cron.createTask(
    expression,
    async () => {
      try {
        await run();
      } catch (error) {
        metrics().pollCycles.inc({ result: 'error' });
        pollLog().error({ err: errorText(error) }, '[Approval Polling] cycle failed');
        const db = await getDb();
        await db
          .insert(schedulerLeases)
          .values({ name: POLLER_LEASE_NAME, lastError: errorText(error) })
          .onConflictDoUpdate({ target: schedulerLeases.name, set: { lastError: errorText(error) } })
          .catch(() => {});
      } finally {
        const next = task.getNextRun();
        const db = await getDb();
        await db
          .update(schedulerLeases)
          .set({ nextRunAt: next })
          .where(eq(schedulerLeases.name, POLLER_LEASE_NAME))
          .catch(() => {});
      }
    },
    {
      name: POLLER_LEASE_NAME,
      noOverlap: true,
      distributed: true,
      runCoordinator: createLeaseCoordinator(getDb, holder),
      distributedLease: options.leaseMs ?? POLLER_LEASE_MS,
      unref: true,
    },
  );
  task.on('execution:skipped', () => metrics().pollCycles.inc({ result: 'skipped' }));
  return task;
}

// One per process: a hot reload or a second import must find the running schedule, not start another.
const SCHEDULER = 'approval-poller';

/** Starts the process-wide poller (node-cron on APPROVAL_POLL_CRON). Returns false when already running. */
export function startApprovalPollingScheduler(): boolean {
  if (peekProcessSingleton<ScheduledTask>(SCHEDULER)) return false;
  const task = createPollingScheduler();
  setProcessSingleton(SCHEDULER, task);
  void Promise.resolve(task.start()).catch((error) =>
    pollLog().error({ err: errorText(error) }, '[Approval Polling] scheduler failed to start'),
  );
  pollLog().info(`[Approval Polling] Scheduler started (${env().APPROVAL_POLL_CRON}) as ${instanceId()}`);
  return true;
}

export async function stopApprovalPollingScheduler(): Promise<void> {
  const task = peekProcessSingleton<ScheduledTask>(SCHEDULER);
  setProcessSingleton(SCHEDULER, undefined);
  if (task) await task.destroy();
}

/** What the admin system page and /api/health show about the poller. */
export async function getPollerState(db: Db | Tx): Promise<PollerState> {
  const [row] = await db.select().from(schedulerLeases).where(eq(schedulerLeases.name, POLLER_LEASE_NAME));
  const running = peekProcessSingleton<ScheduledTask>(SCHEDULER);
  return {
    lastRunAt: row?.lastRunAt ?? null,
    lastSummary: row?.lastSummary ?? null,
    lastError: row?.lastError ?? null,
    nextRunAt: running?.getNextRun() ?? row?.nextRunAt ?? null,
    holder: row?.lastRunHolder ?? row?.holder ?? null,
    cron: env().APPROVAL_POLL_CRON,
  };
}
