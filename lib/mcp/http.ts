import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { getDb } from '@/db';
import { waitForApprovalDecision, withdrawApproval } from '@/lib/approval';
import { authenticateApiToken, bearerToken } from '@/lib/auth/api-tokens';
import { logger } from '@/lib/observability/logger';
import { processSingleton } from '@/lib/process-singleton';
import type { ApprovalGate } from './gated-call';
import { createMcpServer } from './server';

const engineGate: ApprovalGate = { waitForApprovalDecision, withdrawApproval };

const jsonRpcError = (status: number, code: number, message: string, headers: Record<string, string> = {}) =>
  Response.json(
    { jsonrpc: '2.0', error: { code, message }, id: null },
    { status, headers: { ...headers, 'cache-control': 'no-store' } },
  );

/**
 * POST /api/mcp — stateless Streamable HTTP: every request gets its own server and transport, so a
 * tool call that waits minutes for a Knox decision holds nothing but its own SSE response, and any
 * instance behind a load balancer can answer any request. Progress notifications travel on that
 * response; when the client goes away the wait stops, and the approval itself carries on.
 */
export async function handleMcpRequest(request: Request): Promise<Response> {
  if (request.method !== 'POST') {
    // Stateless: no standalone SSE stream (GET) and no session to end (DELETE).
    return jsonRpcError(405, -32000, 'Method not allowed: this MCP endpoint is stateless; use POST', {
      allow: 'POST',
    });
  }
  const db = await getDb();
  const token = bearerToken(request.headers.get('authorization'));
  const user = token ? await authenticateApiToken(db, token) : null;
  if (!token || !user) {
    return jsonRpcError(401, -32001, 'Unauthorized: send Authorization: Bearer <API token>', {
      'www-authenticate': 'Bearer realm="approval-portal"',
    });
  }

  let messages: unknown;
  try {
    messages = await request.json();
  } catch {
    return jsonRpcError(400, -32700, 'Parse error: the body is not JSON');
  }
  const list = (Array.isArray(messages) ? messages : [messages]) as JsonRpcMessage[];
  // Stateless: a client's notifications/cancelled arrives on a request of its own, so it is
  // matched here to the same user's call still running in this process.
  for (const message of list) {
    if (message?.method === 'notifications/cancelled' && message.params?.requestId !== undefined) {
      const calls = inFlight().get(inFlightKey(user.id, message.params.requestId));
      // Request ids are per client, and one user may run several clients: cancel only when it is
      // unambiguous. Otherwise the call keeps waiting as if the notice had not arrived.
      if (calls?.size === 1) for (const stop of calls) stop();
    }
  }

  const taskCallIds = new Set(
    list
      .filter(
        (message) => message?.method === 'tools/call' && message.params?.task && message.id !== undefined,
      )
      .map((message) => message.id!),
  );
  const server = await createMcpServer({
    db,
    user,
    gate: engineGate,
    taskCallIds,
    // tasks/get and friends (an agent polling) need no tool tables: two queries saved per poll.
    withTools: list.some(
      (message) => typeof message?.method === 'string' && !message.method.startsWith('tasks/'),
    ),
  });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  const keys = list
    .filter((message) => message?.method === 'tools/call' && message.id !== undefined)
    .map((message) => inFlightKey(user.id, message.id!));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const key of keys) {
      const calls = inFlight().get(key);
      calls?.delete(close);
      if (calls?.size === 0) inFlight().delete(key);
    }
    // Closing aborts every running tool call's signal: waits end, approvals stay as they are.
    server.close().catch((error) => logger().warn({ err: error }, 'closing an MCP server failed'));
  };
  for (const key of keys) {
    const calls = inFlight().get(key) ?? new Set<() => void>();
    calls.add(close);
    inFlight().set(key, calls);
  }
  request.signal.addEventListener('abort', close, { once: true });

  const response = await transport.handleRequest(request, {
    parsedBody: messages,
    authInfo: { token, clientId: user.id, scopes: [user.role], extra: { userId: user.id } },
  });
  if (!response.body) {
    close();
    return response;
  }
  return new Response(closeWhenDone(response.body, close), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

interface JsonRpcMessage {
  id?: string | number;
  method?: string;
  params?: { requestId?: string | number; task?: unknown };
}

const inFlightKey = (userId: string, requestId: string | number) =>
  `${userId}\u0000${JSON.stringify(requestId)}`;

// Per process: Next may bundle this module more than once; cancels must find calls from any copy.
function inFlight(): Map<string, Set<() => void>> {
  return processSingleton('mcp-in-flight', () => new Map<string, Set<() => void>>());
}

/** Passes the body through, and calls `onDone` when it ends or the client stops reading it. */
function closeWhenDone(body: ReadableStream<Uint8Array>, onDone: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          onDone();
          return;
        }
        controller.enqueue(value);
      } catch (error) {
        controller.error(error);
        onDone();
      }
    },
    async cancel(reason) {
      onDone();
      await reader.cancel(reason).catch(() => {});
    },
  });
}
