/**
 * The client against a real loopback socket, so that the error classification rests on what Node's
 * fetch (undici) really throws for time-outs and dropped or refused connections, not on fakes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { createKnoxApprovalClient } from './client';
import { KnoxUnknownOutcomeError } from './errors';
import type { SubmitApprovalInput } from './types';

type Behaviour = (request: IncomingMessage, response: ServerResponse) => void;
let behaviour: Behaviour = () => {};
let server: Server;
let baseUrl: string;
const received: string[] = [];

// The client warns on every failed call; these failures are the point, so keep the output quiet.
const previousLogger = peekProcessSingleton<Logger>('logger');

beforeAll(async () => {
  setProcessSingleton('logger', pino({ level: 'silent' }));
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(body);
      behaviour(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  setProcessSingleton('logger', previousLogger);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const input: SubmitApprovalInput = {
  apInfId: 'AP-TRANSPORT-1',
  subject: '제목',
  contents: '<p>본문</p>',
  drafter: { epId: 'E1001' },
  line: [{ epId: 'A2001', role: 'approve' }],
};

const knox = (url = baseUrl) =>
  createKnoxApprovalClient({ baseUrl: url, systemId: 'S', token: 'T', timeoutMs: 300, readAttempts: 1 });

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KnoxUnknownOutcomeError) return error.reason;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('transport failures are unknown outcomes', () => {
  it('a connection dropped after the request arrived (accept-then-drop) → network', async () => {
    received.length = 0;
    behaviour = (request) => request.socket.destroy();
    expect(await reasonOf(knox().submitApproval(input))).toBe('network');
    // The request really reached the server before the drop.
    expect(JSON.parse(received[0] ?? '{}')).toMatchObject({ apInfId: 'AP-TRANSPORT-1' });
  });

  it('a body cut off half-way → network', async () => {
    behaviour = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"result":"succ');
      setTimeout(() => response.socket?.destroy(), 10);
    };
    expect(await reasonOf(knox().cancelApproval('AP-1', ''))).toBe('network');
  });

  it('no answer within the time-out → timeout', async () => {
    behaviour = () => {};
    expect(await reasonOf(knox().submitApproval(input))).toBe('timeout');
  });

  it('headers sent but the body never finishes within the time-out → timeout', async () => {
    behaviour = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"result":');
    };
    expect(await reasonOf(knox().getApprovalDetail('AP-1'))).toBe('timeout');
  });

  it('a refused connection → network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await reasonOf(knox(`http://127.0.0.1:${port}`).submitApproval(input))).toBe('network');
  });

  it('a redirect is not followed → invalid_response', async () => {
    let hits = 0;
    behaviour = (request, response) => {
      hits += 1;
      if (request.url?.startsWith('/login')) {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>login</html>');
        return;
      }
      response.writeHead(302, { location: '/login' });
      response.end();
    };
    expect(await reasonOf(knox().submitApproval(input))).toBe('invalid_response');
    expect(hits).toBe(1);
  });

  it('and a well-formed answer still parses over the same socket path', async () => {
    behaviour = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ result: 'success', data: { apInfId: input.apInfId }, statusCode: '200' }),
      );
    };
    await expect(knox().submitApproval(input)).resolves.toEqual({ apInfId: input.apInfId });
  });
});
