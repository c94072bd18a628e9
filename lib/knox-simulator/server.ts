/**
 * The simulator on a port of its own (npm run knox-sim, contract tests): the same handler as the
 * app's routes, mounted at the root. Here a dropped response really is lost (the socket is
 * destroyed after the change is stored) and an outage resets every connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Db } from '@/db';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { routeKnoxSimRequest } from './http';
import { KnoxSimulator, type NumberEncoding } from './simulator';

export interface KnoxSimulatorServerOptions {
  db: Db;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  systemId?: string;
  token?: string;
  numberEncoding?: NumberEncoding;
  clock?: () => Date;
  /** Source of randomness for fault rates. */
  random?: () => number;
}

export interface KnoxSimulatorServer {
  /** e.g. http://127.0.0.1:4010 — use it as KNOX_BASE_URL. */
  url: string;
  port: number;
  simulator: KnoxSimulator;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
    signal,
  });
}

async function writeResponse(res: ServerResponse, response: Response) {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

export async function startKnoxSimulatorServer(
  options: KnoxSimulatorServerOptions,
): Promise<KnoxSimulatorServer> {
  const simulator = new KnoxSimulator({
    db: options.db,
    systemId: options.systemId ?? SIMULATOR_SYSTEM_ID,
    token: options.token ?? SIMULATOR_TOKEN,
    numberEncoding: options.numberEncoding,
    clock: options.clock,
    random: options.random,
  });
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const log = logger().child({ component: 'knox-simulator-server' });

  const server = createServer((req, res) => {
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    void (async () => {
      try {
        const request = await toRequest(req, origin(), aborter.signal);
        const outcome = await routeKnoxSimRequest(request, { simulator, ownOrigin: origin() });
        if (outcome instanceof Response) {
          await writeResponse(res, outcome);
        } else if (outcome.kind === 'outage') {
          req.socket.resetAndDestroy();
        } else {
          req.socket.destroy();
        }
      } catch (error) {
        log.error({ err: error }, 'knox simulator request failed');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'Internal Server Error' }));
        } else {
          res.destroy();
        }
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${port}`;
  function origin() {
    return url;
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    simulator,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and held connections would keep close() waiting forever.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
