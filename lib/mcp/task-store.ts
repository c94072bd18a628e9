import { randomBytes } from 'node:crypto';
import type {
  CreateTaskOptions,
  TaskStore,
} from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import type { CallToolResult, Request, RequestId, Result, Task } from '@modelcontextprotocol/sdk/types.js';
import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { approvalLogs, mcpTasks, pendingActions } from '@/db/schema';
import { decisionOutcomeOf } from '@/lib/approval';
import type { CurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { approvalLogger } from '@/lib/observability/logger';
import { type ApprovalGate, decisionResult } from './gated-call';
import { type TaskRecord, toMcpTask } from './task-status';

/** How often a client is asked to poll: a human decides in hours, and the poller reads Knox every minute. */
export const TASK_POLL_INTERVAL_MS = 5_000;
const LIST_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

/** What a gated tool hands createTask: the approval it submitted, or why it submitted none. */
export type TaskCreationContext = {
  toolName: string;
  apInfId?: string;
  warnings?: string[];
  refusal?: CallToolResult;
};

export class TaskNotFoundError extends Error {
  constructor(taskId: string) {
    super(`Task not found: ${taskId}`);
  }
}

/** The task's ttl as granted: what the client asked for, never beyond APPROVAL_MAX_AGE_DAYS. */
export function grantedTtlMs(requested: number | null | undefined): number {
  const max = env().APPROVAL_MAX_AGE_DAYS * DAY_MS;
  return requested == null || requested <= 0 ? max : Math.min(Math.floor(requested), max);
}

/** 128 random bits: a task id is unguessable, and only its owner may use it anyway. */
export const newTaskId = () => randomBytes(16).toString('hex');

/**
 * The MCP task store of one authenticated user, in the database: any instance answers for any task
 * (the endpoint is stateless), a task outlives its client and the server, and every read is scoped
 * to the owner and to the task's ttl — someone else's task, or an expired one, is "not found".
 * Status and result are read from the pending action (task-status.ts), never stored twice.
 */
export class DatabaseTaskStore implements TaskStore {
  /** Results of plain calls answered on this request (see server.ts): never stored. */
  private readonly answered = new Map<string, CallToolResult>();

  constructor(
    private readonly db: Db,
    private readonly user: CurrentUser,
    private readonly gate: Pick<ApprovalGate, 'withdrawApproval'>,
  ) {}

  async createTask(params: CreateTaskOptions, _requestId: RequestId, _request: Request): Promise<Task> {
    const context = params.context as TaskCreationContext | undefined;
    if (!context?.apInfId && !context?.refusal)
      throw new Error('a task is for a submitted approval or a refusal');
    const ttlMs = grantedTtlMs(params.ttl);
    let pendingActionId: number | null = null;
    if (context.apInfId) {
      const [action] = await this.db
        .select({ id: pendingActions.id })
        .from(pendingActions)
        .where(eq(pendingActions.apInfId, context.apInfId));
      if (!action) throw new Error(`no pending action for ${context.apInfId}`);
      pendingActionId = action.id;
    }
    const id = newTaskId();
    await this.db.insert(mcpTasks).values({
      id,
      ownerId: this.user.id,
      pendingActionId,
      apInfId: context.apInfId ?? null,
      toolName: context.toolName,
      ttlMs,
      pollIntervalMs: TASK_POLL_INTERVAL_MS,
      warnings: context.warnings ?? [],
      refusal: (context.refusal as TaskRecord['task']['refusal']) ?? null,
      // The database's clock, like every other age in the engine.
      expiresAt: sql`now() + ${ttlMs} * interval '1 millisecond'`,
    });
    // Expired tasks are "not found" already; removing them keeps the table small.
    await this.db.delete(mcpTasks).where(lt(mcpTasks.expiresAt, sql`now()`));
    if (context.apInfId) {
      approvalLogger(context.apInfId, 'mcp').info(
        { taskId: id, toolName: context.toolName, userId: this.user.id, ttlMs },
        'agent call submitted as an MCP task',
      );
    }
    return this.requireTask(id);
  }

  async getTask(taskId: string): Promise<Task | null> {
    const record = await this.read(taskId);
    return record ? toMcpTask(record) : null;
  }

  /** The task, its action and the document, in one query; null unless the caller owns it and it lives. */
  async read(taskId: string): Promise<TaskRecord | null> {
    const [row] = await this.selectRecords()
      .where(
        and(eq(mcpTasks.id, taskId), eq(mcpTasks.ownerId, this.user.id), gt(mcpTasks.expiresAt, sql`now()`)),
      )
      .limit(1);
    return row ? toRecord(row) : null;
  }

  async getTaskResult(taskId: string): Promise<Result> {
    const answered = this.answered.get(taskId);
    if (answered) return answered;
    const record = await this.read(taskId);
    if (!record) throw new TaskNotFoundError(taskId);
    const result = taskResultOf(record);
    if (!result) throw new Error(`Task ${taskId} has no result yet: its approval is still open`);
    return result;
  }

  async storeTaskResult(): Promise<void> {
    throw new Error('a task result is the approval’s own outcome; nothing stores it separately');
  }

  /** Only the owner's cancel moves a task: the document is withdrawn in Knox (상신취소) and compensated. */
  async updateTaskStatus(taskId: string, status: Task['status']): Promise<void> {
    if (status !== 'cancelled')
      throw new Error(`a task's status follows its approval; it cannot be set to ${status}`);
    const record = await this.read(taskId);
    if (!record?.task.apInfId) throw new TaskNotFoundError(taskId);
    await this.gate.withdrawApproval(record.task.apInfId, '에이전트가 작업을 취소하여 상신취소', {
      id: this.user.id,
    });
    await this.db.update(mcpTasks).set({ cancelledAt: sql`now()` }).where(eq(mcpTasks.id, taskId));
  }

  async listTasks(cursor?: string): Promise<{ tasks: Task[]; nextCursor?: string }> {
    const after = cursor === undefined ? null : parseCursor(cursor);
    const rows = await this.selectRecords()
      .where(
        and(
          eq(mcpTasks.ownerId, this.user.id),
          gt(mcpTasks.expiresAt, sql`now()`),
          after
            ? or(
                lt(mcpTasks.createdAt, after.createdAt),
                and(eq(mcpTasks.createdAt, after.createdAt), lt(mcpTasks.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(mcpTasks.createdAt), desc(mcpTasks.id))
      .limit(LIST_PAGE_SIZE + 1);
    const page = rows.slice(0, LIST_PAGE_SIZE).map(toRecord);
    const last = page.at(-1);
    return {
      tasks: page.map(toMcpTask),
      ...(rows.length > LIST_PAGE_SIZE && last ? { nextCursor: cursorOf(last) } : {}),
    };
  }

  /** A plain call's result, handed back through the SDK's task path on this request only. */
  answerPlainCall(result: CallToolResult): Task {
    const taskId = `plain-${newTaskId()}`;
    this.answered.set(taskId, result);
    const now = new Date().toISOString();
    return { taskId, status: 'completed', ttl: null, createdAt: now, lastUpdatedAt: now };
  }

  private async requireTask(taskId: string): Promise<Task> {
    const task = await this.getTask(taskId);
    if (!task) throw new TaskNotFoundError(taskId);
    return task;
  }

  private selectRecords() {
    return this.db
      .select({
        task: mcpTasks,
        action: pendingActions,
        knoxStatus: approvalLogs.status,
        approvalLine: approvalLogs.approvalLine,
        // How the approvers of the line are called (title, else name), for the status message.
        approverNames: sql<Record<string, string> | null>`(
          select jsonb_object_agg(u.ep_id, coalesce(nullif(u.title, ''), u.name))
          from users u
          where u.ep_id in (select e ->> 'epId' from jsonb_array_elements(${approvalLogs.approvalLine}) e)
        )`,
      })
      .from(mcpTasks)
      .leftJoin(pendingActions, eq(pendingActions.id, mcpTasks.pendingActionId))
      .leftJoin(approvalLogs, eq(approvalLogs.apInfId, mcpTasks.apInfId))
      .$dynamic();
  }
}

type SelectedRow = {
  task: TaskRecord['task'];
  action: TaskRecord['action'];
  knoxStatus: number | null;
  approvalLine: unknown[] | null;
  approverNames: Record<string, string> | string | null;
};

function toRecord(row: SelectedRow): TaskRecord {
  const names = typeof row.approverNames === 'string' ? JSON.parse(row.approverNames) : row.approverNames;
  return {
    task: row.task,
    action: row.action,
    knoxStatus: row.knoxStatus,
    approvalLine: row.approvalLine ?? [],
    approverNames: (names ?? {}) as Record<string, string>,
  };
}

/** The tool result of a finished task, what the plain call would have answered; null while open. */
export function taskResultOf(record: TaskRecord): CallToolResult | null {
  if (!record.action || !record.task.apInfId) return record.task.refusal;
  const outcome = decisionOutcomeOf(record.action);
  if (!outcome || outcome.outcome === 'timeout') return null;
  const log = approvalLogger(record.task.apInfId, 'mcp').child({ taskId: record.task.id });
  return decisionResult(record.task.apInfId, outcome, record.task.warnings, log);
}

function cursorOf(record: TaskRecord): string {
  return Buffer.from(`${record.task.createdAt.toISOString()}|${record.task.id}`).toString('base64url');
}

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(createdAt ?? '');
  if (!id || Number.isNaN(date.getTime())) throw new Error('invalid cursor');
  return { createdAt: date, id };
}
