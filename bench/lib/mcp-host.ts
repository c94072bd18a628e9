import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves the app's real MCP handler (lib/mcp/http.ts, the same function app/api/mcp/route.ts
 * exports) on a plain Node HTTP server: the endpoint without a Next build, streaming each SSE
 * response as it is produced.
 */
export async function startMcpHttpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { handleMcpRequest } = await import('@/lib/mcp/http');
  const toRequest = async (req: IncomingMessage, aborter: AbortController, origin: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    return new Request(new URL(req.url ?? '/', origin), {
      method: req.method,
      headers,
      body: req.method === 'POST' && chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      signal: aborter.signal,
    });
  };
  let origin = '';
  const server = createServer((req, res) => {
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    void (async () => {
      try {
        const response = await handleMcpRequest(await toRequest(req, aborter, origin));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) {
          res.end();
          return;
        }
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          res.write(value);
        }
        res.end();
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    })();
  });
  server.maxConnections = 100_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/api/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
