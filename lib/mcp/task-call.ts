import type { CreateTaskResult } from '@modelcontextprotocol/sdk/experimental/tasks/types.js';
import type { CallToolResult, Task } from '@modelcontextprotocol/sdk/types.js';
import { ApprovalError } from '@/lib/approval/errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { approvalLogger, logger } from '@/lib/observability/logger';
import type { SubmittedApproval } from './gated-call';
import { toolError } from './results';
import type { TaskCreationContext } from './task-store';

export interface TaskCallOptions {
  toolName: string;
  user: CurrentUser;
  /** The FORBIDDEN answer when the role may not use the tool; null when it may. */
  refusal: CallToolResult | null;
  submit: () => Promise<SubmittedApproval>;
  /** The request's task store (the SDK's, bound to this request): writes the task row. */
  createTask: (params: { ttl?: number | null; context: TaskCreationContext }) => Promise<Task>;
  /** The ttl the client asked for, if any. */
  requestedTtl?: number | null;
}

/**
 * A task-augmented call of a HIGH/CRITICAL tool: submits through withApproval() and answers at once
 * with the task, which lives until the approval ends or its ttl does — it is never withdrawn for
 * taking long (APPROVAL_TIMEOUT is for plain calls). A call refused before anything reached Knox
 * (no permission, no EP ID, an unknown approver) still gets a task — task clients accept nothing
 * else — one that is complete from the start with the tool error as its result.
 */
export async function runTaskCall(options: TaskCallOptions): Promise<CreateTaskResult> {
  const { toolName } = options;
  const create = (context: Omit<TaskCreationContext, 'toolName'>) =>
    options.createTask({ ttl: options.requestedTtl, context: { toolName, ...context } });
  if (options.refusal) return { task: await create({ refusal: options.refusal }) };
  let submitted: SubmittedApproval;
  try {
    submitted = await options.submit();
  } catch (error) {
    if (!(error instanceof ApprovalError)) throw error;
    logger().info({ toolName, userId: options.user.id, code: error.code }, 'MCP task call refused');
    return { task: await create({ refusal: toolError(error.code, error.message) }) };
  }
  const apInfId = submitted.approvalId;
  try {
    const task = await create({ apInfId, warnings: submitted.warnings ?? [] });
    // The Knox id, so the agent can also ask get_approval_status or give it to a person.
    return { task, _meta: { apInfId } };
  } catch (error) {
    // The document is in Knox and runs when approved: the log says which one lost its task.
    approvalLogger(apInfId, 'mcp').error(
      { err: error, toolName },
      'MCP task not recorded for a submitted approval',
    );
    throw error;
  }
}
