import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it, vi } from 'vitest';
import { ApprovalStateConflictError, KnoxUnavailableError, MissingEpIdError } from '@/lib/approval/errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { waitFor } from '@/tests/setup/wait-for';
import { type ApprovalDecision, type ApprovalGate, type GatedCallOptions, runGatedCall } from './gated-call';
import { agentWaitingCalls } from './metrics';

const user: CurrentUser = {
  id: 'usr_kim',
  name: '김구매',
  email: 'kim.employee@example.com',
  epId: 'E1001',
  role: 'employee',
  department: null,
  title: null,
};

const text = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

function gate(decisions: ApprovalDecision[], withdraw: ApprovalGate['withdrawApproval'] = async () => ({})) {
  const waits: Array<{ apInfId: string; timeoutMs: number }> = [];
  const withdrawals: Array<{ apInfId: string; opinion: string; actor: { id: string } }> = [];
  const fake: ApprovalGate = {
    async waitForApprovalDecision(apInfId, options) {
      waits.push({ apInfId, timeoutMs: options.timeoutMs });
      options.onProgress?.({ apInfId, knoxStatus: 1, elapsedMs: 3000 });
      return decisions.shift() ?? { outcome: 'timeout' };
    },
    async withdrawApproval(apInfId, opinion, actor) {
      withdrawals.push({ apInfId, opinion, actor });
      return withdraw(apInfId, opinion, actor);
    },
  };
  return { fake, waits, withdrawals };
}

function options(overrides: Partial<GatedCallOptions>): GatedCallOptions {
  return {
    toolName: 'register_regular_vendor',
    user,
    submit: async () => ({ approvalId: 'AP1', status: 'pending_approval', warnings: [] }),
    gate: gate([]).fake,
    timeoutMs: 5000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('runGatedCall', () => {
  it('returns the handler result when executed, with progress naming the Knox id', async () => {
    const { fake, waits } = gate([{ outcome: 'executed', result: { vendorCode: 'V-2026-00001' } }]);
    const progress: string[] = [];
    const result = await runGatedCall(
      options({ gate: fake, sendProgress: async (_n, message) => void progress.push(message) }),
    );
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toMatchObject({
      apInfId: 'AP1',
      outcome: 'executed',
      result: { vendorCode: 'V-2026-00001' },
    });
    expect(waits).toEqual([{ apInfId: 'AP1', timeoutMs: 5000 }]);
    expect(progress).toHaveLength(2);
    expect(progress.every((message) => message.includes('AP1'))).toBe(true);
    expect(progress[1]).toContain('진행중');
  });

  it.each([
    ['rejected', '반려'],
    ['withdrawn', '상신취소'],
    ['expired', '기한 만료'],
  ] as const)('reports %s as APPROVAL_REJECTED with the opinion', async (outcome, word) => {
    const { fake } = gate([{ outcome, opinion: '예산 초과' }]);
    const result = await runGatedCall(options({ gate: fake }));
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_REJECTED: 예산 초과/);
    expect(text(result)).toContain(word);
  });

  it('reports a failed execution as APPROVAL_FAILED', async () => {
    const { fake } = gate([{ outcome: 'failed', error: '업체 상태가 바뀌었습니다' }]);
    const result = await runGatedCall(options({ gate: fake }));
    expect(text(result)).toMatch(/^APPROVAL_FAILED: .*업체 상태가 바뀌었습니다/);
  });

  it('withdraws on timeout and answers APPROVAL_TIMEOUT', async () => {
    const { fake, withdrawals } = gate([{ outcome: 'timeout' }]);
    const result = await runGatedCall(options({ gate: fake }));
    expect(text(result)).toMatch(/^APPROVAL_TIMEOUT: /);
    expect(withdrawals).toEqual([
      { apInfId: 'AP1', opinion: expect.stringContaining('5초'), actor: { id: 'usr_kim' } },
    ]);
  });

  it('reports the real decision when it raced the timeout', async () => {
    const { fake, withdrawals } = gate(
      [{ outcome: 'timeout' }, { outcome: 'executed', result: { ok: true } }],
      async () => {
        throw new ApprovalStateConflictError('이미 결정됨');
      },
    );
    const result = await runGatedCall(options({ gate: fake }));
    expect(withdrawals).toHaveLength(1);
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toMatchObject({ outcome: 'executed', result: { ok: true } });
  });

  it('says so when the withdrawal itself fails', async () => {
    const { fake } = gate([{ outcome: 'timeout' }], async () => {
      throw new KnoxUnavailableError('ECONNREFUSED');
    });
    const result = await runGatedCall(options({ gate: fake }));
    expect(text(result)).toMatch(/^APPROVAL_TIMEOUT: .*상신취소에 실패했습니다/);
  });

  it('stops waiting without withdrawing when the caller goes away', async () => {
    const controller = new AbortController();
    const withdrawApproval = vi.fn();
    const fake: ApprovalGate = {
      waitForApprovalDecision: (_id, { signal }) =>
        new Promise((_resolve, reject) => {
          // Like the engine: an already aborted signal ends the wait at once.
          if (signal?.aborted) reject(new Error('aborted'));
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      withdrawApproval,
    };
    const waiting = async () =>
      (await agentWaitingCalls().get()).values.find(
        (value) => value.labels.tool === 'register_regular_vendor',
      )?.value;
    const pending = runGatedCall(options({ gate: fake, signal: controller.signal }));
    await waitFor(async () => (await waiting()) === 1, {
      timeoutMs: 5_000,
      what: 'the call counted as waiting',
    });
    controller.abort();
    const result = await pending;
    expect(await waiting()).toBe(0);
    expect(text(result)).toMatch(/^APPROVAL_PENDING/);
    expect(withdrawApproval).not.toHaveBeenCalled();
  });

  it('turns an engine refusal at submit into a tool error and never waits', async () => {
    const { fake, waits } = gate([]);
    const result = await runGatedCall(
      options({
        gate: fake,
        submit: async () => {
          throw new MissingEpIdError();
        },
      }),
    );
    expect(text(result)).toMatch(/^MISSING_EP_ID: /);
    expect(waits).toHaveLength(0);
  });

  it('returns at once when the workflow is switched off and the action already ran', async () => {
    const { fake, waits } = gate([]);
    const result = await runGatedCall(
      options({
        gate: fake,
        submit: async () => ({ approvalId: 'AP9', status: 'executed', result: { id: 3 } }),
      }),
    );
    expect(JSON.parse(text(result))).toMatchObject({
      apInfId: 'AP9',
      bypassedApproval: true,
      result: { id: 3 },
    });
    expect(waits).toHaveLength(0);
  });
});
