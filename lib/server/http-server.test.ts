import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { closeGracefully, createPortalServer, type RequestHandler } from './http-server';

const servers: Server[] = [];

/** Our server on a free loopback port, with `handle` behind it. */
async function start(handle: RequestHandler, trustedProxies: string[] = []): Promise<number> {
  const server = createPortalServer(handle, trustedProxies);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** What the application behind the server saw: its headers, as Node parsed them and raw. */
const echo: RequestHandler = (req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ headers: req.headers, raw: req.rawHeaders }));
};

interface Seen {
  headers: Record<string, string>;
  raw: string[];
}

function get(port: number, headers: Record<string, string | string[]>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(JSON.parse(body) as Seen));
    });
    req.on('error', reject);
    req.end();
  });
}

const rawValues = (seen: Seen, name: string) =>
  seen.raw.filter((_, i) => i % 2 === 1 && seen.raw[i - 1]!.toLowerCase() === name);

describe('the client address our server stamps', () => {
  it('replaces a client-sent x-portal-client-address with the socket address', async () => {
    const port = await start(echo);
    const seen = await get(port, { 'X-Portal-Client-Address': ['203.0.113.66', '198.51.100.1'] });
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe('127.0.0.1');
    expect(rawValues(seen, CLIENT_ADDRESS_HEADER)).toEqual(['127.0.0.1']);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, and drops the forwarding headers', async () => {
    const port = await start(echo);
    const seen = await get(port, {
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-host': 'evil.example',
      'x-real-ip': '198.51.100.8',
      forwarded: 'for=198.51.100.9',
    });
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe('127.0.0.1');
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'forwarded']) {
      expect(seen.headers[name]).toBeUndefined();
      expect(rawValues(seen, name)).toEqual([]);
    }
  });

  it('believes X-Forwarded-For from a trusted proxy: the right-most hop it did not write itself', async () => {
    const port = await start(echo, ['127.0.0.1']);
    const seen = await get(port, { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe('198.51.100.7');
    expect(seen.headers['x-forwarded-for']).toBe('6.6.6.6, 198.51.100.7');
  });

  it('believes only the proxies listed', async () => {
    const port = await start(echo, ['10.0.0.1']);
    const seen = await get(port, { 'x-forwarded-for': '198.51.100.7' });
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe('127.0.0.1');
  });
});

describe('closeGracefully', () => {
  it('lets a short request finish, cuts one that runs past the drain time, and refuses new connections', async () => {
    let release: () => void = () => {};
    const port = await start((req, res) => {
      if (req.url === '/slow') {
        release = () => res.end('done');
        setTimeout(release, 200);
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': waiting for an approver\n\n'); // never ends, like an MCP call waiting for Knox
      }
    });
    const server = servers[0]!;
    const finished = fetch(`http://127.0.0.1:${port}/slow`).then((response) => response.text());
    const stream = await fetch(`http://127.0.0.1:${port}/stream`);
    const streamBody = stream.text().then(
      () => 'ended',
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const startedAt = Date.now();
    await closeGracefully(server, 600);
    const took = Date.now() - startedAt;

    expect(await finished).toBe('done');
    expect(await streamBody).toBe('cut');
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(2_000);
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
  });

  it('closes a keep-alive connection as soon as its request in flight finishes', async () => {
    const port = await start((_req, res) => {
      setTimeout(() => res.end('done'), 300);
    });
    const finished = fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedAt = Date.now();
    await closeGracefully(servers[0]!, 4_000);
    expect(await finished).toBe('done');
    expect(Date.now() - startedAt).toBeLessThan(1_500);
  });

  it('returns as soon as nothing is in flight, keep-alive connections included', async () => {
    const port = await start(echo);
    await get(port, {});
    const agentResponse = await fetch(`http://127.0.0.1:${port}/`); // fetch keeps its connection alive
    await agentResponse.text();
    const startedAt = Date.now();
    await closeGracefully(servers[0]!, 5_000);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});
