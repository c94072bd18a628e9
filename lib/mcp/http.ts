import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { getDb } from '@/db';
import { waitForApprovalDecision, withdrawApproval } from '@/lib/approval';
import { authenticateApiToken, bearerToken } from '@/lib/auth/api-tokens';
import { logger } from '@/lib/observability/logger';
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

  const server = await createMcpServer({ db, user, gate: engineGate });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // Closing aborts every running tool call's signal: waits end, approvals stay as they are.
    server.close().catch((error) => logger().warn({ err: error }, 'closing an MCP server failed'));
  };
  request.signal.addEventListener('abort', close, { once: true });

  const response = await transport.handleRequest(request, {
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
