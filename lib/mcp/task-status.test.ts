import { describe, expect, it } from 'vitest';
import type { McpTask, PendingAction, PendingActionStatus } from '@/db/schema';
import { currentApprover, type TaskRecord, taskStatusMessage, taskStatusOf, toMcpTask } from './task-status';

const created = new Date('2026-12-01T00:00:00.000Z');

const task = (overrides: Partial<McpTask> = {}): McpTask => ({
  id: 'a'.repeat(32),
  ownerId: 'user-1',
  pendingActionId: 1,
  apInfId: 'AP1',
  toolName: 'register_regular_vendor',
  ttlMs: 1000,
  pollIntervalMs: 5000,
  warnings: [],
  refusal: null,
  cancelledAt: null,
  createdAt: created,
  expiresAt: new Date('2026-12-31T00:00:00.000Z'),
  ...overrides,
});

const action = (status: PendingActionStatus, overrides: Partial<PendingAction> = {}): PendingAction => ({
  id: 1,
  apInfId: 'AP1',
  actionType: 'vendor_registration',
  actionPayload: {},
  status,
  attempts: 0,
  claimExpiresAt: null,
  executedAt: null,
  executionResult: null,
  errorMessage: null,
  approvalBypassed: false,
  resolutionNote: null,
  replacesApInfId: null,
  createdBy: 'user-1',
  createdAt: created,
  updatedAt: new Date('2026-12-01T01:00:00.000Z'),
  ...overrides,
});

const submittedLine = [
  { epId: 'A2001', role: 'approve' },
  { epId: 'A2002', role: 'approve' },
];
const names = { A2001: '팀장', A2002: '담당임원' };

const record = (overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  task: task(),
  action: action('pending'),
  knoxStatus: 1,
  approvalLine: submittedLine,
  approverNames: names,
  ...overrides,
});

describe('taskStatusOf', () => {
  it.each([
    ['pending', 'working'],
    ['submit_unknown', 'working'],
    ['executed', 'completed'],
    ['rejected', 'completed'],
    ['withdrawn', 'completed'],
    ['expired', 'completed'],
    ['failed', 'failed'],
    ['resolved', 'failed'],
  ] as const)('%s → %s', (status, expected) => {
    expect(taskStatusOf({ task: task(), action: action(status) })).toBe(expected);
  });

  it('is cancelled only when the owner cancelled the task and the document was withdrawn', () => {
    const cancelledAt = new Date();
    expect(taskStatusOf({ task: task({ cancelledAt }), action: action('withdrawn') })).toBe('cancelled');
    // A withdrawal from the web page or the CLI completes the task like a rejection.
    expect(taskStatusOf({ task: task(), action: action('withdrawn') })).toBe('completed');
  });

  it('is completed for a call refused before any approval existed', () => {
    expect(taskStatusOf({ task: task({ pendingActionId: null, apInfId: null }), action: null })).toBe(
      'completed',
    );
  });
});

describe('taskStatusMessage', () => {
  it('names the first approver of the line as submitted by the title people know', () => {
    expect(taskStatusMessage(record())).toBe('팀장 결재 대기');
  });

  it('skips the drafter and those who acted in a line Knox reported', () => {
    const reported = [
      { epId: 'E1001', role: 0, seq: 0, aplnStatsCode: 1 },
      { epId: 'A2001', role: 1, seq: 1, aplnStatsCode: 1 },
      { epId: 'A2002', role: 1, seq: 2, aplnStatsCode: 0, titleName: '상무' },
    ];
    expect(taskStatusMessage(record({ approvalLine: reported }))).toBe('담당임원 결재 대기');
    expect(taskStatusMessage(record({ approvalLine: reported, approverNames: {} }))).toBe('상무 결재 대기');
  });

  it('says 보류 while Knox holds the document', () => {
    expect(taskStatusMessage(record({ knoxStatus: 0 }))).toBe('팀장 결재 보류 중');
  });

  it('says the approval is done while the action is still running', () => {
    expect(taskStatusMessage(record({ knoxStatus: 2 }))).toBe('결재 완료 — 실행 중');
    expect(taskStatusMessage(record({ knoxStatus: 5 }))).toBe('결재 완료 — 실행 중');
    expect(taskStatusMessage(record({ knoxStatus: 3 }))).toBe('결재 종료 — 처리 중');
  });

  it("uses the action's own label once it ended, and for an unconfirmed submit", () => {
    expect(taskStatusMessage(record({ action: action('executed'), knoxStatus: 2 }))).toBe('실행 완료');
    expect(taskStatusMessage(record({ action: action('rejected'), knoxStatus: 3 }))).toBe('반려 처리');
    expect(taskStatusMessage(record({ action: action('submit_unknown'), knoxStatus: 1 }))).toBe(
      '상신 확인중',
    );
  });
});

describe('currentApprover', () => {
  it('ignores 통보 entries, which never decide', () => {
    expect(currentApprover([{ epId: 'X1', role: 'notify' }, ...submittedLine], names)).toBe('팀장');
  });

  it('is null when everybody acted', () => {
    expect(currentApprover([{ epId: 'A2001', role: 1, aplnStatsCode: 1 }], names)).toBeNull();
  });
});

describe('toMcpTask', () => {
  it('carries the granted ttl and poll interval, and the action time as the last update', () => {
    expect(toMcpTask(record())).toEqual({
      taskId: 'a'.repeat(32),
      status: 'working',
      statusMessage: '팀장 결재 대기',
      createdAt: '2026-12-01T00:00:00.000Z',
      lastUpdatedAt: '2026-12-01T01:00:00.000Z',
      ttl: 1000,
      pollInterval: 5000,
    });
  });
});
