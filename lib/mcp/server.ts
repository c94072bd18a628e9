import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, Task } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { z } from 'zod';
import type { Db } from '@/db';
import { isGatedRisk } from '@/db/schema';
import type { CurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { processSingleton } from '@/lib/process-singleton';
import { type ApprovalGate, runGatedCall } from './gated-call';
import { type GatedTool, gatedTools } from './gated-tools';
import {
  getApprovalStatusInput,
  getVendorInput,
  listVendorsInput,
  runGetApprovalStatus,
  runGetVendor,
  runListVendors,
} from './read-tools';
import { toolError } from './results';
import { runTaskCall } from './task-call';
import { serveTaskResults } from './task-result';
import { DatabaseTaskStore } from './task-store';
import { loadToolAccess, type ToolAccess } from './tool-access';

export interface McpServerContext {
  db: Db;
  user: CurrentUser;
  gate: ApprovalGate;
  /** Ids of this request's task-augmented tools/call messages (the SDK does not tell a handler). */
  taskCallIds?: ReadonlySet<string | number>;
  /** False when the request has no tools/* message: the tool tables are not read at all. */
  withTools?: boolean;
}

/** The per-call wait, shortenable by the caller but never beyond APPROVAL_TIMEOUT. */
export const timeoutSecondsInput = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('결재를 기다릴 최대 시간(초). 서버의 APPROVAL_TIMEOUT보다 길게는 기다리지 않습니다');

function describeTool(access: ToolAccess): string {
  const gated = isGatedRisk(access.riskLevel)
    ? ' Knox 결재가 승인된 뒤에만 실행되며, 호출은 결재가 끝날 때까지 기다립니다(진행 알림 전송).' +
      ' MCP 작업(task)으로 호출하면 바로 작업을 돌려주고, 결재가 끝날 때까지 tasks/get·tasks/result로 확인할 수 있습니다.'
    : '';
  const denied = access.allowed ? '' : ' 현재 역할로는 호출할 수 없습니다.';
  return `${access.description} [위험도 ${access.riskLevel}]${gated}${denied}`;
}

/**
 * One MCP server for one HTTP request of one user (the endpoint is stateless). Tools, their risk
 * levels and the role's permissions come from `agent_tools` / `agent_tool_permissions`.
 */
export async function createMcpServer(context: McpServerContext): Promise<McpServer> {
  const { db, user } = context;
  const taskStore = new DatabaseTaskStore(db, user, context.gate);
  const server = new McpServer(
    { name: 'approval-portal', title: '협력업체 포털 (Knox 결재 연동)', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore,
      // One per process: building an Ajv instance per request (the SDK's default) was a fifth of
      // the CPU a tasks/get costs. The server uses it only for elicitation schemas.
      jsonSchemaValidator: processSingleton('mcp-json-schema-validator', () => new AjvJsonSchemaValidator()),
    },
  );
  serveTaskResults(server, taskStore, context.gate);
  if (context.withTools === false) return server;
  const access = await loadToolAccess(db, user.role);

  /** The FORBIDDEN answer when the role may not use the tool, else null. */
  const refusal = (name: string): CallToolResult | null => {
    if (access.get(name)?.allowed) return null;
    logger().info({ userId: user.id, role: user.role, toolName: name }, 'MCP tool refused by permissions');
    return toolError('FORBIDDEN', `${user.role} 역할은 ${name} 도구를 사용할 권한이 없습니다`);
  };
  const guard = (name: string, run: () => Promise<CallToolResult>) => async (): Promise<CallToolResult> =>
    refusal(name) ?? run();

  const readTool = <S extends z.ZodObject>(
    name: string,
    schema: S,
    run: (input: z.infer<S>) => Promise<CallToolResult>,
  ) => {
    const tool = access.get(name);
    if (!tool) return;
    server.registerTool(
      name,
      {
        title: tool.description,
        description: describeTool(tool),
        inputSchema: schema,
        annotations: { readOnlyHint: true, openWorldHint: false },
        _meta: { riskLevel: tool.riskLevel },
      },
      // The SDK's callback typing over a generic schema is too deep for TypeScript; the schema above validates.
      ((input: z.infer<S>) => guard(name, () => run(input))()) as never,
    );
  };

  readTool('list_vendors', listVendorsInput, (input) => runListVendors(db, input));
  readTool('get_vendor', getVendorInput, (input) => runGetVendor(db, input));
  readTool('get_approval_status', getApprovalStatusInput, (input) => runGetApprovalStatus(db, user, input));

  for (const gated of gatedTools())
    registerGatedTool(server, context, taskStore, access, gated, guard, refusal);
  return server;
}

/**
 * A HIGH/CRITICAL tool, task-capable (`execution.taskSupport: "optional"`). A task-augmented call
 * answers at once with a database task; a plain call waits as it always has (progress, then
 * APPROVAL_TIMEOUT and withdrawal). The SDK sends a plain call of a task-capable tool through
 * createTask and then polls for the task: here it runs the plain wait instead and hands the SDK an
 * already finished handle, kept in this request's memory only, so nothing is stored or polled.
 */
function registerGatedTool(
  server: McpServer,
  context: McpServerContext,
  taskStore: DatabaseTaskStore,
  access: Map<string, ToolAccess>,
  gated: GatedTool,
  guard: (name: string, run: () => Promise<CallToolResult>) => () => Promise<CallToolResult>,
  refusal: (name: string) => CallToolResult | null,
) {
  const tool = access.get(gated.name);
  if (!tool) return;
  const inputSchema = z.object({ ...gated.schema.shape, timeoutSeconds: timeoutSecondsInput });
  const plainCall = (args: Record<string, unknown>, extra: GatedExtra) =>
    guard(gated.name, () => {
      const { timeoutSeconds, ...input } = args as { timeoutSeconds?: number };
      const maxSeconds = env().APPROVAL_TIMEOUT;
      const seconds = Math.min(timeoutSeconds ?? maxSeconds, maxSeconds);
      const progressToken = extra._meta?.progressToken;
      return runGatedCall({
        toolName: gated.name,
        user: context.user,
        submit: () => gated.submit(input, context.user),
        gate: context.gate,
        timeoutMs: seconds * 1000,
        signal: extra.signal,
        sendProgress:
          progressToken === undefined
            ? undefined
            : (progress, message) =>
                extra.sendNotification({
                  method: 'notifications/progress',
                  params: { progressToken, progress, message },
                }),
      });
    })();
  const taskCall = (args: Record<string, unknown>, extra: GatedExtra) => {
    // A task is never withdrawn for taking long: the wait bound does not apply.
    const { timeoutSeconds: _unused, ...input } = args as { timeoutSeconds?: number };
    return runTaskCall({
      toolName: gated.name,
      user: context.user,
      refusal: refusal(gated.name),
      submit: () => gated.submit(input, context.user),
      createTask: (params) => extra.taskStore.createTask(params),
      requestedTtl: extra.taskRequestedTtl,
    });
  };
  server.experimental.tasks.registerToolTask(
    gated.name,
    {
      title: tool.description,
      description: describeTool(tool),
      inputSchema,
      annotations: {
        readOnlyHint: false,
        destructiveHint: tool.riskLevel === 'CRITICAL',
        openWorldHint: true,
      },
      execution: { taskSupport: 'optional' },
      _meta: { riskLevel: tool.riskLevel },
    },
    {
      // The SDK's callback typing over a generic schema is too deep for TypeScript; the schema above validates.
      createTask: (async (args: Record<string, unknown>, extra: GatedExtra) =>
        context.taskCallIds?.has(extra.requestId)
          ? taskCall(args, extra)
          : { task: taskStore.answerPlainCall(await plainCall(args, extra)) }) as never,
      getTask: ((_args: unknown, extra: TaskExtra) => extra.taskStore.getTask(extra.taskId)) as never,
      getTaskResult: ((_args: unknown, extra: TaskExtra) =>
        extra.taskStore.getTaskResult(extra.taskId)) as never,
    },
  );
}

interface TaskExtra {
  taskId: string;
  taskStore: { getTask(taskId: string): Promise<unknown>; getTaskResult(taskId: string): Promise<unknown> };
}

interface GatedExtra {
  signal: AbortSignal;
  requestId: string | number;
  taskRequestedTtl?: number | null;
  taskStore: {
    createTask(params: { ttl?: number | null; context?: Record<string, unknown> }): Promise<Task>;
  };
  _meta?: { progressToken?: string | number };
  sendNotification: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; message: string };
  }) => Promise<void>;
}
