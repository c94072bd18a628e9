import { describe, expect, it } from 'vitest';
import { checkPendingApprovals, liveCheckedIds } from '@/lib/approval';
import { setEngineEnv } from '@/lib/approval/testing/harness';
import { setUpWorkflowWorld } from '@/lib/approval/testing/workflow-world';
import { getAuth } from '@/lib/auth/auth';
import { authRequest, sessionCookieOf } from '@/lib/auth/testing';
import type { Viewer } from './events';
import type { LiveMessage } from './hub';
import { liveRoute } from './route-handler';
import { liveHub } from './source';
import { liveStreamResponse } from './stream';

const w = setUpWorkflowWorld();

const kim: Viewer = { id: 'usr_kim', role: 'employee' };
const lee: Viewer = { id: 'usr_lee', role: 'employee' };
const admin: Viewer = { id: 'usr_admin', role: 'admin' };

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads an SSE body as it arrives, frame by frame. */
function readFrames(response: Response) {
  const frames: string[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        frames.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return frames;
}

describe('live streams fed by the engine', () => {
  it("an engine NOTIFY reaches the requester's and an admin's streams, not another user's", async () => {
    setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '300' });
    try {
      const hub = await liveHub();
      const got = new Map<string, LiveMessage[]>();
      const subscriptions = [kim, lee, admin].map((viewer) => {
        got.set(viewer.id, []);
        return hub.subscribe(viewer, (message) => got.get(viewer.id)!.push(message))!;
      });
      try {
        const { approvalId } = await w.submit('live-notified');
        await w.h.act(approvalId, 'A2001', 'approve');
        // The poller's cycle executes it; its commit's NOTIFY is the only way the hub can learn of it.
        await checkPendingApprovals();
        const about = (id: string) =>
          got.get(id)!.filter((m) => m.type === 'event' && m.event.apInfId === approvalId);
        const executed = (id: string) =>
          about(id).some((m) => m.type === 'event' && m.event.status === 'executed');
        await until(() => executed(kim.id) && executed(admin.id), 'the notified change');
        // Another employee's stream never carried it (the hub had published to everyone it would).
        expect(about(lee.id)).toEqual([]);
      } finally {
        for (const subscription of subscriptions) subscription.close();
      }
    } finally {
      setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '1' });
    }
  });

  it('a watched document is checked at the live-poll interval and its decision arrives on the open stream', async () => {
    const { approvalId } = await w.submit('live-watched');
    const hub = await liveHub();
    const aborter = new AbortController();
    const response = liveStreamResponse(hub, kim, { watch: approvalId, signal: aborter.signal })!;
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = readFrames(response);
    await until(() => frames.some((f) => f.includes('event: ready')), 'the ready frame');
    expect(frames[0]).toBe('retry: 2000');
    expect(liveCheckedIds()).toContain(approvalId);

    // Rejected in Knox; no poller cycle runs: only the live poll of the watched document can find it.
    await w.h.act(approvalId, 'A2001', 'reject', '자료 부족');
    // 최팀장's act may come first (status still pending); the rejection follows on the same stream.
    const rejected = `data: {"kind":"approval","apInfId":"${approvalId}","status":"rejected"}`;
    await until(() => frames.some((f) => f.includes(rejected)), 'the rejection on the stream');
    expect((await w.action(approvalId)).errorMessage).toBe('자료 부족');

    // The browser going away releases the watch.
    aborter.abort();
    expect(liveCheckedIds()).not.toContain(approvalId);
    expect(hub.streamCount()).toBe(0);
  });

  it('a stream opened with the Last-Event-ID it had replays what it missed', async () => {
    const hub = await liveHub();
    const first = hub.subscribe(kim, () => {})!;
    const seen = first.headId;
    first.close();
    const { approvalId } = await w.submit('live-missed');
    await w.h.act(approvalId, 'A2001', 'approve');
    await checkPendingApprovals();
    // Published to the ring with no stream open.
    const adminGot: LiveMessage[] = [];
    const watcher = hub.subscribe(admin, (m) => adminGot.push(m), seen)!;
    // 최팀장's act (the line read) and the execution each NOTIFY; the source may fold the two.
    const missed = () => adminGot.filter((m) => m.type === 'event' && m.event.apInfId === approvalId);
    await until(() => missed().some((m) => m.type === 'event' && m.event.status === 'executed'), 'the ring');
    watcher.close();
    const aborter = new AbortController();
    try {
      const frames = readFrames(liveStreamResponse(hub, kim, { lastEventId: seen, signal: aborter.signal })!);
      await until(() => frames.some((f) => f.includes('event: ready')), 'the ready frame');
      const replayed = frames.filter((f) => f.includes(approvalId));
      expect(replayed.some((f) => f.includes('"status":"executed"'))).toBe(true);
      expect(new Set(replayed).size).toBe(replayed.length);
    } finally {
      aborter.abort();
    }
  });

  it('GET /api/live watches an open document of its viewer, not a settled one, and refuses a foreign one', async () => {
    const auth = await getAuth();
    const cookieOf = async (email: string) =>
      sessionCookieOf(
        await authRequest(auth, '/sign-in/email', {
          body: { email, password: 'demo1234!' },
          clientAddress: '10.0.0.9',
        }),
      );
    const kimCookie = await cookieOf('kim.employee@example.com');
    const leeCookie = await cookieOf('lee.employee@example.com');
    const open = (await w.submit('live-route-open')).approvalId;
    const settled = (await w.submit('live-route-settled')).approvalId;
    await w.h.act(settled, 'A2001', 'approve');
    await checkPendingApprovals();
    expect((await w.action(settled)).status).toBe('executed');

    const request = (watch: string, cookie: string, signal?: AbortSignal) =>
      liveRoute(new Request(`http://localhost/api/live?watch=${watch}`, { headers: { cookie }, signal }));
    const aborter = new AbortController();
    const watching = await request(open, kimCookie, aborter.signal);
    expect(watching.status).toBe(200);
    expect(liveCheckedIds()).toContain(open);
    const settledPage = await request(settled, kimCookie, aborter.signal);
    expect(settledPage.status).toBe(200);
    expect(liveCheckedIds()).not.toContain(settled);

    // A stream opened anew names the last event it had in the query: one from elsewhere means reload.
    const resumed = readFrames(
      await liveRoute(
        new Request('http://localhost/api/live?lastEventId=elsewhere.7', {
          headers: { cookie: kimCookie },
          signal: aborter.signal,
        }),
      ),
    );
    await until(() => resumed.some((f) => f.includes('event: ready')), 'the resumed stream');
    expect(resumed.some((f) => f.includes('event: reload'))).toBe(true);

    const foreign = await request(open, leeCookie);
    expect(foreign.status).toBe(404);
    expect((await request('not an id', kimCookie)).status).toBe(400);
    aborter.abort();
    expect(liveCheckedIds()).not.toContain(open);
  });

  it('a stream ends after its lifetime, releasing its place and its watch, so the browser reconnects', async () => {
    const { approvalId } = await w.submit('live-lifetime');
    const hub = await liveHub();
    const response = liveStreamResponse(hub, kim, {
      watch: approvalId,
      signal: new AbortController().signal,
      lifetimeMs: 200,
    })!;
    expect(hub.streamCount()).toBe(1);
    expect(await response.text()).toContain('event: ready');
    expect(hub.streamCount()).toBe(0);
    expect(liveCheckedIds()).not.toContain(approvalId);
  });

  it('GET /api/live refuses a request without a session', async () => {
    const response = await liveRoute(new Request('http://localhost/api/live?watch=AP1'));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});
