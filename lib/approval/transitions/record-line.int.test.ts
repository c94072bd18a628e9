import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalLogs } from '@/db/schema';
import {
  checkPendingApprovals,
  checkSingleApprovalStatus,
  DECISION_CHANNEL,
  syncDecidedApprovalLines,
} from '@/lib/approval';
import { getApprovalDetail } from '@/lib/knox-api/approval';
import { waitFor } from '@/tests/setup/wait-for';
import { notifyDecision } from '../store';
import { setUpWorkflowWorld } from '../testing/workflow-world';
import { appendApproverActs, lineColumns } from './record-line';

const w = setUpWorkflowWorld();

async function acts(apInfId: string) {
  return (await w.events(apInfId))
    .filter((event) => event.eventType === 'approver_acted')
    .map((event) => ({
      actor: event.actor,
      act: event.detail.act,
      epId: event.detail.epId,
      opinion: event.detail.opinion,
      actedAt: typeof event.detail.actedAt === 'string',
    }));
}

async function userIdOf(epId: string): Promise<string> {
  const detail = await w.h.database.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.epId, epId) });
  return detail!.id;
}

describe("approvers' acts become timeline events", () => {
  it('an act while others still wait is one event, and polling again never repeats it', async () => {
    const { approvalId: id } = await w.submit('acts', { approvers: ['A2001', 'A2002'] });
    await checkPendingApprovals();
    await w.h.act(id, 'A2001', 'approve', '검토했습니다');
    // The poller's quiet path records only the change number; the line sync reads the act.
    await checkPendingApprovals();
    const choi = await userIdOf('A2001');
    expect(await acts(id)).toEqual([
      { actor: choi, act: 'approved', epId: 'A2001', opinion: '검토했습니다', actedAt: true },
    ]);
    expect((await w.action(id)).status).toBe('pending');
    await checkPendingApprovals();
    await checkSingleApprovalStatus(id);
    expect(await acts(id)).toHaveLength(1);

    await w.h.act(id, 'A2002', 'approve', '승인');
    await checkPendingApprovals();
    expect((await w.action(id)).status).toBe('executed');
    // The line read once more from scratch, as after a restart: still one event per act.
    await w.h.database.db
      .update(approvalLogs)
      .set({ lineSyncedAt: null, lineDocChgNum: 0 })
      .where(eq(approvalLogs.apInfId, id));
    await syncDecidedApprovalLines();
    await checkSingleApprovalStatus(id);
    expect(await acts(id)).toEqual([
      { actor: choi, act: 'approved', epId: 'A2001', opinion: '검토했습니다', actedAt: true },
      { actor: await userIdOf('A2002'), act: 'approved', epId: 'A2002', opinion: '승인', actedAt: true },
    ]);
  });

  it('a new act is announced on the decision channel (live pages follow it); reading it again is not', async () => {
    const { approvalId: id } = await w.submit('acts', { approvers: ['A2001', 'A2002'] });
    await checkPendingApprovals();
    const heard: string[] = [];
    const unlisten = await w.h.database.listen(DECISION_CHANNEL, (payload) => heard.push(payload));
    try {
      await w.h.act(id, 'A2001', 'approve', '검토했습니다');
      await checkPendingApprovals();
      await waitFor(() => heard.length === 1, { what: 'the act announced' });
      await checkSingleApprovalStatus(id);
      await checkPendingApprovals();
      // Notifications arrive in commit order: a wrongful second one would come before this marker.
      await notifyDecision(w.h.database.db, 'marker');
      await waitFor(() => heard.includes('marker'), { what: 'the marker' });
      expect(heard).toEqual([id, 'marker']);
      expect((await w.action(id)).status).toBe('pending');
    } finally {
      await unlisten();
    }
  });

  it('보류 and then 반려 are two events, found by 새로고침', async () => {
    const { approvalId: id } = await w.submit('hold', { approvers: ['A2001'] });
    await w.h.act(id, 'A2001', 'hold', '자료 보완 필요');
    await checkSingleApprovalStatus(id);
    await checkSingleApprovalStatus(id);
    expect((await acts(id)).map((act) => [act.act, act.opinion])).toEqual([['held', '자료 보완 필요']]);
    await w.h.act(id, 'A2001', 'reject', '반려합니다');
    await checkSingleApprovalStatus(id);
    await checkPendingApprovals();
    expect((await acts(id)).map((act) => [act.act, act.opinion])).toEqual([
      ['held', '자료 보완 필요'],
      ['rejected', '반려합니다'],
    ]);
    expect((await w.action(id)).status).toBe('rejected');
  });

  it('the same line appended twice adds nothing the second time (unique per document and act)', async () => {
    const { approvalId: id } = await w.submit('twice', { approvers: ['A2001'] });
    await w.h.act(id, 'A2001', 'approve', '좋습니다');
    const detail = await getApprovalDetail(id);
    const db = w.h.database.db;
    const before = (await acts(id)).length;
    const first = await db.transaction((tx) => appendApproverActs(tx, id, detail));
    const second = await Promise.all([
      db.transaction((tx) => appendApproverActs(tx, id, detail)),
      db.transaction((tx) => appendApproverActs(tx, id, detail)),
    ]);
    expect(first).toBe(before === 0 ? 1 : 0);
    expect(second).toEqual([0, 0]);
    expect(await acts(id)).toHaveLength(1);
  });

  it('a line read at an older change number does not replace a newer one', async () => {
    const { approvalId: id } = await w.submit('older', { approvers: ['A2001'] });
    await w.h.act(id, 'A2001', 'approve', '최신');
    await checkSingleApprovalStatus(id);
    const db = w.h.database.db;
    const read = async () => (await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id)))[0]!;
    const newer = await read();
    expect(newer.lineDocChgNum).toBeGreaterThan(0);
    const older = (await getApprovalDetail(id)).aplns.map((entry) => ({ ...entry, opinion: '예전' }));
    await db
      .update(approvalLogs)
      .set(lineColumns(older, newer.lineDocChgNum - 1))
      .where(eq(approvalLogs.apInfId, id));
    const after = await read();
    expect(after.approvalLine).toEqual(newer.approvalLine);
    expect(after.lineDocChgNum).toBe(newer.lineDocChgNum);
  });
});
