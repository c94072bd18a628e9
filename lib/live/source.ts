import { eq, inArray } from 'drizzle-orm';
import { type DatabaseHandle, getDatabase } from '@/db';
import { approvalLogs, pendingActions } from '@/db/schema';
import { DECISION_CHANNEL } from '@/lib/approval';
import { logger } from '@/lib/observability/logger';
import { processSingleton } from '@/lib/process-singleton';
import { LiveHub } from './hub';

/** Events kept for replay: a few minutes of a busy instance's decisions. */
export const LIVE_RING_SIZE = 1_000;
/** Streams one person may hold on one instance (browser tabs). */
export const LIVE_MAX_STREAMS_PER_USER = 10;

interface SourceState {
  hub: LiveHub;
  /** The handle the LISTEN is on; a test that installs another handle gets a new subscription. */
  listening?: { handle: DatabaseHandle; ready: Promise<unknown> };
  notified: Set<string>;
}

function state(): SourceState {
  return processSingleton<SourceState>('live-source', () => ({
    hub: new LiveHub({ ringSize: LIVE_RING_SIZE, maxStreamsPerUser: LIVE_MAX_STREAMS_PER_USER }),
    notified: new Set(),
  }));
}

/**
 * The process's hub, fed by the engine's NOTIFY. The subscription shares the process's one LISTEN
 * connection (the database handle keeps one per process and re-LISTENs after a restart), so open
 * pages never hold a database connection of their own; a NOTIFY from any instance reaches them.
 */
export async function liveHub(): Promise<LiveHub> {
  const current = state();
  const handle = await getDatabase();
  if (current.listening?.handle !== handle) {
    const ready = handle.listen(
      DECISION_CHANNEL,
      (apInfId) => onNotified(apInfId),
      // Whatever was notified while the connection was down is lost: pages re-read everything.
      () => current.hub.reloadAll(),
    );
    current.listening = { handle, ready };
    ready.catch(() => {
      if (current.listening?.ready === ready) current.listening = undefined;
    });
  }
  await current.listening!.ready;
  return current.hub;
}

/** A batch commit notifies up to a hundred documents at once: they are read in one query. */
function onNotified(apInfId: string): void {
  const current = state();
  current.notified.add(apInfId);
  if (current.notified.size > 1) return;
  setImmediate(() => {
    const ids = [...current.notified];
    current.notified.clear();
    void publishChanges(ids);
  });
}

async function publishChanges(apInfIds: string[]): Promise<void> {
  // Published even with no stream open: a page reconnecting in a moment replays it from the ring.
  const current = state();
  try {
    const { db } = await getDatabase();
    const rows = await db
      .select({
        apInfId: approvalLogs.apInfId,
        requesterId: approvalLogs.requesterId,
        status: pendingActions.status,
      })
      .from(approvalLogs)
      .leftJoin(pendingActions, eq(pendingActions.apInfId, approvalLogs.apInfId))
      .where(inArray(approvalLogs.apInfId, apInfIds));
    for (const row of rows) current.hub.publish({ kind: 'approval', ...row });
  } catch (error) {
    logger().warn({ err: String(error) }, '[Live] could not read notified approvals');
    current.hub.reloadAll();
  }
}
