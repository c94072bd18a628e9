import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  GetTaskPayloadRequestSchema,
  McpError,
  RELATED_TASK_META_KEY,
} from '@modelcontextprotocol/sdk/types.js';
import type { ApprovalGate } from './gated-call';
import { type TaskRecord, taskStatusOf, toMcpTask } from './task-status';
import type { DatabaseTaskStore } from './task-store';
import { taskResultOf } from './task-store';

/** One wait of a tasks/result call before the task is read again (it may have expired meanwhile). */
const WAIT_SLICE_MS = 10 * 60_000;

/**
 * tasks/result: the result of a finished task at once; for an open one, the call holds (like a plain
 * call, but with no APPROVAL_TIMEOUT) on the process's one shared decision waiter — no database
 * poll per caller — and sends `notifications/tasks/status` on its own response stream, the one
 * stream a stateless endpoint has: the status now, then the final one just before the result.
 * Replaces the SDK's handler, which would poll the store every pollInterval instead.
 */
export function serveTaskResults(server: McpServer, store: DatabaseTaskStore, gate: ApprovalGate): void {
  server.server.setRequestHandler(GetTaskPayloadRequestSchema, async (request, extra) => {
    const { taskId } = request.params;
    const found = await store.read(taskId);
    if (!found) throw new McpError(ErrorCode.InvalidParams, `Task not found: ${taskId}`);
    let record: TaskRecord = found;
    const notify = (current: TaskRecord) =>
      extra
        .sendNotification({ method: 'notifications/tasks/status', params: toMcpTask(current) })
        .catch(() => {});
    if (taskStatusOf(record) === 'working') await notify(record);
    while (taskStatusOf(record) === 'working') {
      const left = record.task.expiresAt.getTime() - Date.now();
      if (left <= 0) throw new McpError(ErrorCode.InvalidParams, `Task not found: ${taskId}`);
      try {
        // A working task has an approval (a refused call's task is complete from the start).
        await gate.waitForApprovalDecision(record.task.apInfId!, {
          timeoutMs: Math.min(left, WAIT_SLICE_MS),
          signal: extra.signal,
        });
      } catch (error) {
        if (!extra.signal.aborted) throw error;
      }
      // The client went away: nothing is answered, the task carries on.
      if (extra.signal.aborted) throw new McpError(ErrorCode.ConnectionClosed, 'tasks/result cancelled');
      const next = await store.read(taskId);
      if (!next) throw new McpError(ErrorCode.InvalidParams, `Task not found: ${taskId}`);
      record = next;
      if (taskStatusOf(record) !== 'working') await notify(record);
    }
    const result = taskResultOf(record)!;
    return { ...result, _meta: { ...result._meta, [RELATED_TASK_META_KEY]: { taskId } } };
  });
}
