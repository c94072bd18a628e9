import type { Task } from '@modelcontextprotocol/sdk/types.js';
import type { McpTask, PendingAction } from '@/db/schema';
import { decisionOutcomeOf } from '@/lib/approval';
import { ACTION_STATUS_LABELS, actionStatusLabel } from '@/lib/approval/labels';
import {
  KNOX_LINE_ROLE,
  KNOX_LINE_STATUS,
  KNOX_STATUS,
  knoxStatusOutcome,
} from '@/lib/knox-api/approval/codes';

/** One task as read in one query: the task row, its action, the document's Knox status and line. */
export interface TaskRecord {
  task: McpTask;
  /** Null for a call refused before anything was submitted. */
  action: PendingAction | null;
  knoxStatus: number | null;
  approvalLine: unknown[];
  /** EP ID → how people call that approver (title, else name), for the approvers of the line. */
  approverNames: Record<string, string>;
}

/**
 * The task's status, from the action alone (one source of truth): working while the document is
 * open, completed once it ran or ended without running (the result says which; so does a call
 * refused before any approval existed), failed when the
 * approved action failed, cancelled when the owner cancelled the task and Knox took the 상신취소.
 */
export function taskStatusOf(record: Pick<TaskRecord, 'task' | 'action'>): Task['status'] {
  if (!record.action) return 'completed';
  const outcome = decisionOutcomeOf(record.action);
  if (!outcome) return 'working';
  if (outcome.outcome === 'failed') return 'failed';
  if (outcome.outcome === 'withdrawn' && record.task.cancelledAt) return 'cancelled';
  return 'completed';
}

/** What a person reads about the task now: whose decision it waits for, or how it ended. */
export function taskStatusMessage(record: TaskRecord): string {
  const { action } = record;
  if (!action) return '요청 거부 — 상신하지 않음';
  if (action.status === 'submit_unknown') return actionStatusLabel(action.status);
  if (action.status !== 'pending') return actionStatusLabel(action.status);
  if (record.knoxStatus !== null && record.knoxStatus >= KNOX_STATUS.COMPLETED) {
    // Knox decided; the engine has not finished acting on it yet.
    return knoxStatusOutcome(record.knoxStatus) === 'execute' ? '결재 완료 — 실행 중' : '결재 종료 — 처리 중';
  }
  const who = currentApprover(record.approvalLine, record.approverNames);
  const waiting = record.knoxStatus === KNOX_STATUS.ON_HOLD ? '결재 보류 중' : ACTION_STATUS_LABELS.pending;
  return who ? `${who} ${waiting}` : waiting;
}

/** The MCP Task for a record (the protocol's shape; ttl and pollInterval as granted at creation). */
export function toMcpTask(record: TaskRecord): Task {
  const status = taskStatusOf(record);
  const lastUpdatedAt = record.action?.updatedAt ?? record.task.createdAt;
  return {
    taskId: record.task.id,
    status,
    statusMessage: taskStatusMessage(record),
    createdAt: record.task.createdAt.toISOString(),
    lastUpdatedAt: latest(record.task.createdAt, lastUpdatedAt).toISOString(),
    ttl: record.task.ttlMs,
    pollInterval: record.task.pollIntervalMs,
  };
}

const latest = (a: Date, b: Date) => (a > b ? a : b);

interface LineEntry {
  epId?: unknown;
  role?: unknown;
  seq?: unknown;
  aplnStatsCode?: unknown;
  titleName?: unknown;
  name?: unknown;
}

const NOT_DECIDING = new Set<unknown>(['notify', KNOX_LINE_ROLE.NOTIFY, String(KNOX_LINE_ROLE.NOTIFY)]);
const DRAFTER = new Set<unknown>([KNOX_LINE_ROLE.DRAFTER, String(KNOX_LINE_ROLE.DRAFTER)]);

/**
 * The first approver of the stored line who has not acted: the line as submitted (no per-entry
 * status: the first approver) or as Knox's detail call last reported it (skipping those who acted).
 */
export function currentApprover(line: unknown[], names: Record<string, string>): string | null {
  for (const raw of line) {
    if (!raw || typeof raw !== 'object') continue;
    const entry = raw as LineEntry;
    if (DRAFTER.has(entry.role) || NOT_DECIDING.has(entry.role)) continue;
    const acted =
      entry.aplnStatsCode !== undefined && Number(entry.aplnStatsCode) !== KNOX_LINE_STATUS.PENDING;
    if (acted) continue;
    const epId = typeof entry.epId === 'string' ? entry.epId : null;
    const known = epId ? names[epId] : undefined;
    const reported = typeof entry.titleName === 'string' && entry.titleName ? entry.titleName : undefined;
    return known ?? reported ?? (typeof entry.name === 'string' ? entry.name : epId);
  }
  return null;
}
