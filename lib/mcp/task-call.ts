import type { CreateTaskResult } from '@modelcontextprotocol/sdk/experimental/tasks/types.js';
import type { CallToolResult, Task } from '@modelcontextprotocol/sdk/types.js';
import { ApprovalError } from '@/lib/approval/errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { approvalLogger } from '@/lib/observability/logger';
import type { SubmittedApproval } from './gated-call';
import { toolError, toolResult } from './results';
import type { TaskCreationContext } from './task-store';

export interface TaskCallOptions {
  toolName: string;
  user: CurrentUser;
  submit: () => Promise<SubmittedApproval>;
  /** The request's task store (the SDK's, bound to this request): writes the task row. */
  createTask: (params: { ttl?: number | null; context: TaskCreationContext }) => Promise<Task>;
  /** The ttl the client asked for, if any. */
  requestedTtl?: number | null;
}

/**
 * A task-augmented call of a HIGH/CRITICAL tool: submits through withApproval() and answers at once
 * with the task, which lives until the approval ends or its ttl does — it is never withdrawn for
 * taking long (APPROVAL_TIMEOUT is for plain calls). A refusal before anything reached Knox, or a
 * run with the workflow off, is answered as a plain tool result (the spec lets a receiver process a
 * task-augmented request normally), so no task exists for a call that never had an approval.
 */
export async function runTaskCall(options: TaskCallOptions): Promise<CreateTaskResult | CallToolResult> {
  let submitted: SubmittedApproval;
  try {
    submitted = await options.submit();
  } catch (error) {
    if (error instanceof ApprovalError) return toolError(error.code, error.message);
    throw error;
  }
  const apInfId = submitted.approvalId;
  const warnings = submitted.warnings ?? [];
  if (submitted.status === 'executed') {
    return toolResult({
      apInfId,
      outcome: 'executed',
      bypassedApproval: true,
      result: submitted.result,
      warnings,
    });
  }
  try {
    const task = await options.createTask({
      ttl: options.requestedTtl,
      context: { apInfId, toolName: options.toolName, warnings },
    });
    return { task };
  } catch (error) {
    // The document is in Knox and runs when approved; say where to find it.
    approvalLogger(apInfId, 'mcp').error({ err: error, toolName: options.toolName }, 'MCP task not recorded');
    return toolError(
      'TASK_NOT_CREATED',
      `결재 ${apInfId}는 상신되었으나 작업을 기록하지 못했습니다. get_approval_status로 확인하세요`,
    );
  }
}
