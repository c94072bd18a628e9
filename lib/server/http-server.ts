import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from '@/lib/http/client-address';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** How long requests in flight (long MCP calls, event streams) may run on after a stop signal. */
export const DRAIN_MS = 4_000;

/** Headers only a proxy may set; from anyone else they are forgeries and are dropped. */
const PROXY_HEADERS = new Set([
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
]);

const headerValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * Puts the client address we resolved in CLIENT_ADDRESS_HEADER, replacing anything the client sent
 * under that name, so code behind the server may believe it. A peer that is not a trusted proxy
 * also loses its forwarding headers: Next then fills in X-Forwarded-For from the socket, and no
 * library that reads it can be fooled.
 */
export function stampClientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = req.socket.remoteAddress;
  const address = resolveClientAddress(peer, headerValue(req.headers['x-forwarded-for']), trustedProxies);
  // Without forwarding headers resolveClientAddress only normalises (::ffff:, brackets, case).
  const canonical = (value: string | undefined) => resolveClientAddress(value, undefined, []);
  const peerIsProxy =
    peer !== undefined && trustedProxies.some((proxy) => canonical(proxy) === canonical(peer));
  const dropped = (name: string) =>
    name === CLIENT_ADDRESS_HEADER || (!peerIsProxy && PROXY_HEADERS.has(name));
  for (const name of Object.keys(req.headers)) if (dropped(name)) delete req.headers[name];
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (!dropped(req.rawHeaders[i]!.toLowerCase())) raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders = raw;
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  return address;
}

/** An HTTP server that stamps the client address on every request, then hands it to `handle`. */
export function createPortalServer(handle: RequestHandler, trustedProxies: readonly string[]): Server {
  return createServer((req, res) => {
    stampClientAddress(req, trustedProxies);
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error) => {
        console.error('[server] request failed:', error);
        if (res.headersSent) res.destroy();
        else res.writeHead(500).end();
      });
  });
}

/**
 * Stops accepting connections and lets requests in flight finish for up to `drainMs`; whatever
 * is still open then (an MCP call waiting for an approver, an event stream) is cut.
 */
export async function closeGracefully(server: Server, drainMs: number = DRAIN_MS): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections go idle between requests; close each as soon as it does.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), drainMs).unref()),
  ]);
  clearInterval(sweep);
  if (timedOut) {
    console.log(`[server] cutting requests still open after ${drainMs / 1000} s`);
    server.closeAllConnections();
    await closed;
  }
  console.log('[server] HTTP server closed');
}

export interface ServeOptions {
  /** The project root, where Next finds the build. */
  dir: string;
  port: number;
  /** undefined → every interface. */
  host: string | undefined;
  trustedProxies: readonly string[];
}

const listen = (server: Server, port: number, host: string | undefined) =>
  new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });

export interface RunningServer {
  address: AddressInfo;
  /** Drains and closes the HTTP server, then Next; the database is the caller's to close after. */
  stop(): Promise<void>;
}

/**
 * Serves the production build from this very process (Next's custom-server API), so a stop signal
 * reaches the process that owns the database. Next runs instrumentation.ts's register() (poller
 * start) inside prepare(); the caller should have claimed the stop signals before (exitOnStopSignals).
 */
export async function serve({ dir, port, host, trustedProxies }: ServeOptions): Promise<RunningServer> {
  const app = next({ dev: false, dir, hostname: host ?? 'localhost', port });
  await app.prepare();
  const server = createPortalServer(app.getRequestHandler(), trustedProxies);
  const address = await listen(server, port, host);
  return {
    address,
    async stop() {
      await closeGracefully(server);
      await app.close();
    },
  };
}
