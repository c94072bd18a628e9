import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves the app's live streams (lib/live: the hub fed by the one LISTEN, liveStreamResponse — what
 * app/api/live/route.ts returns after its session check) on a plain Node HTTP server. The viewer
 * comes from the query (`?viewer=<id>&role=<role>`): the session check is the one part left out.
 */
export async function startLiveHttpServer(): Promise<{
  url: string;
  streams(): number;
  close(): Promise<void>;
}> {
  const { liveHub } = await import('@/lib/live/source');
  const { liveStreamResponse } = await import('@/lib/live/stream');
  // The instance's LISTEN exists before the first page opens, as in the app once anyone waits.
  const hub = await liveHub();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const aborter = new AbortController();
    res.on('close', () => aborter.abort());
    const role = url.searchParams.get('role') === 'admin' ? 'admin' : 'employee';
    const response = liveStreamResponse(
      hub,
      { id: url.searchParams.get('viewer') ?? 'anonymous', role },
      { signal: aborter.signal, lastEventId: req.headers['last-event-id'] as string | undefined },
    );
    if (!response?.body) {
      res.writeHead(429).end();
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    void (async () => {
      const reader = response.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        res.write(value);
      }
      res.end();
    })();
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/live`,
    streams: () => hub.streamCount(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
