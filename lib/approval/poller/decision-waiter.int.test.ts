import { describe, expect, it } from 'vitest';
import {
  checkPendingApprovals,
  getPollerState,
  liveCheckedIds,
  startApprovalPollingScheduler,
  stopApprovalPollingScheduler,
  waitForApprovalDecision,
  watchApprovalDocument,
} from '@/lib/approval';
import { setEngineEnv } from '../testing/harness';
import { setUpWorkflowWorld } from '../testing/workflow-world';

const w = setUpWorkflowWorld();

describe('waiting for a decision', () => {
  it('a waiter learns the decision from the live poll, with progress', async () => {
    const { approvalId: id } = await w.submit('waited');
    const progress: Array<number | null> = [];
    const waiting = waitForApprovalDecision(id, {
      timeoutMs: 20_000,
      onProgress: (p) => progress.push(p.knoxStatus),
    });
    await w.h.act(id, 'A2001', 'approve');
    const outcome = await waiting;
    expect(outcome).toEqual({ outcome: 'executed', result: { label: 'waited', apInfId: id } });
    expect(progress).toContain(2);
  });

  it('a rejection reaches the waiter with the opinion; a timeout leaves the document open', async () => {
    const { approvalId: rejected } = await w.submit('waited-reject');
    const waiting = waitForApprovalDecision(rejected, { timeoutMs: 20_000 });
    await w.h.act(rejected, 'A2001', 'reject', '불가');
    expect(await waiting).toEqual({ outcome: 'rejected', opinion: '불가' });

    const { approvalId: open } = await w.submit('waited-timeout');
    expect(await waitForApprovalDecision(open, { timeoutMs: 50 })).toEqual({ outcome: 'timeout' });
    expect((await w.action(open)).status).toBe('pending');
    expect(await w.h.knoxStatus(open)).toBe(1);
  });
});

describe('documents open on a page (watched)', () => {
  it('stay checked until their last viewer leaves', async () => {
    setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '300' });
    try {
      const { approvalId: id } = await w.submit('watched-viewers');
      const first = watchApprovalDocument(id);
      const second = watchApprovalDocument(id);
      first();
      first();
      expect(liveCheckedIds()).toContain(id);
      second();
      expect(liveCheckedIds()).not.toContain(id);
    } finally {
      setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '1' });
    }
  });

  it('are decided by the live poll with no waiter, and no longer asked of Knox once decided', async () => {
    const { approvalId: id } = await w.submit('watched');
    const release = watchApprovalDocument(id);
    await w.h.act(id, 'A2001', 'approve');
    for (
      let tries = 0;
      (await w.action(id)).status !== 'executed' || liveCheckedIds().includes(id);
      tries++
    ) {
      if (tries > 200) throw new Error('the watched document was never executed and dropped');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A new watch counts afresh: the first viewer leaving afterwards does not end it.
    const again = watchApprovalDocument(id);
    release();
    expect(liveCheckedIds()).toContain(id);
    again();
    expect(liveCheckedIds()).not.toContain(id);
  });
});

describe('a watched document still open', () => {
  it("has an approver's act read by the live poll, with no poller cycle", async () => {
    const { approvalId: id } = await w.submit('watched-act', { approvers: ['A2001', 'A2002'] });
    const release = watchApprovalDocument(id);
    try {
      await w.h.act(id, 'A2001', 'approve', '검토했습니다');
      const acted = async () =>
        (await w.events(id)).some(
          (event) => event.eventType === 'approver_acted' && event.detail.epId === 'A2001',
        );
      for (let tries = 0; !(await acted()); tries++) {
        if (tries > 200) throw new Error('the act on the watched document was never read');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await w.action(id)).status).toBe('pending');
      // The last approver's act is read with the decision, not left to the cycle's line sync.
      await w.h.act(id, 'A2002', 'approve', '승인합니다');
      const lastActed = async () =>
        (await w.events(id)).some(
          (event) => event.eventType === 'approver_acted' && event.detail.epId === 'A2002',
        );
      for (let tries = 0; !(await lastActed()); tries++) {
        if (tries > 200) throw new Error('the last act on the watched document was never read');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await w.action(id)).status).toBe('executed');
    } finally {
      release();
    }
  });
});

describe('notifications and the poller state', () => {
  it('decisions processed elsewhere reach their waiters through NOTIFY, without a live poll', async () => {
    setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '300' });
    try {
      // Three documents approved together: one batch commit notifies all three at once.
      const ids = await Promise.all(
        ['notified-1', 'notified-2', 'notified-3'].map(async (label) => (await w.submit(label)).approvalId),
      );
      const progress: unknown[] = [];
      const waiting = ids.map((id) =>
        waitForApprovalDecision(id, { timeoutMs: 20_000, onProgress: (p) => progress.push(p) }),
      );
      for (const id of ids) await w.h.act(id, 'A2001', 'approve');
      await checkPendingApprovals();
      for (const [index, answer] of (await Promise.all(waiting)).entries()) {
        expect(answer).toMatchObject({ outcome: 'executed', result: { apInfId: ids[index] } });
      }
      // No live poll ran: the only way the waiter could learn of it was the notification.
      expect(progress).toEqual([]);
    } finally {
      setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '1' });
    }
  });

  it('records each cycle for the health check and admin page; the scheduler starts once', async () => {
    const summary = await checkPendingApprovals();
    const state = await getPollerState(w.h.database.db);
    expect(state.lastRunAt).toBeInstanceOf(Date);
    expect(state.lastSummary).toEqual({ ...summary });
    expect(state.cron).toBe('* * * * *');
    expect(startApprovalPollingScheduler()).toBe(true);
    expect(startApprovalPollingScheduler()).toBe(false);
    expect((await getPollerState(w.h.database.db)).nextRunAt).toBeInstanceOf(Date);
    await stopApprovalPollingScheduler();
    expect(startApprovalPollingScheduler()).toBe(true);
    await stopApprovalPollingScheduler();
  });
});
