import { sql } from 'drizzle-orm';
import { describe, it } from 'vitest';
import { checkPendingApprovals } from '@/lib/approval';
import { setUpWorkflowWorld } from '@/lib/approval/testing/workflow-world';
import type { LiveMessage } from './hub';
import { liveHub } from './source';

const w = setUpWorkflowWorld();

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the live LISTEN after its connection is lost', () => {
  it('tells every open stream to reload, and carries the NOTIFYs again once it is back', async () => {
    const hub = await liveHub();
    const got: LiveMessage[] = [];
    const subscription = hub.subscribe({ id: 'usr_admin', role: 'admin' }, (message) => got.push(message))!;
    await w.h.database.db.execute(sql`
      select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and application_name = 'approval-portal-listen'`);
    // Anything notified while it was down is lost: the pages must re-read, since they cannot know.
    await until(() => got.some((message) => message.type === 'reload'), 'the reload');

    const { approvalId } = await w.submit('live-after-reconnect');
    await w.h.act(approvalId, 'A2001', 'approve');
    await checkPendingApprovals();
    await until(
      () => got.some((message) => message.type === 'event' && message.event.apInfId === approvalId),
      'the change after the reconnect',
    );
    subscription.close();
  });
});
