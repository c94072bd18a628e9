import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache, SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import {
  cancelApproval,
  defaultKnoxClient,
  getApprovalDetail,
  getApprovalStatuses,
  type KnoxApprovalClient,
  knoxClientConfigFromEnv,
  type SubmitApprovalInput,
  setDefaultKnoxClient,
  submitApproval,
} from './index';

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
  setDefaultKnoxClient(null);
});

describe('knoxClientConfigFromEnv', () => {
  it('points at the bundled simulator when KNOX_BASE_URL is unset', () => {
    vi.stubEnv('KNOX_BASE_URL', '');
    vi.stubEnv('KNOX_SYSTEM_ID', '');
    vi.stubEnv('KNOX_TOKEN', '');
    vi.stubEnv('APP_URL', '');
    vi.stubEnv('PORT', '3101');
    vi.stubEnv('KNOX_TIMEOUT_MS', '');
    resetEnvCache();
    expect(knoxClientConfigFromEnv()).toEqual({
      baseUrl: 'http://localhost:3101/knox-sim',
      systemId: SIMULATOR_SYSTEM_ID,
      token: SIMULATOR_TOKEN,
      timeoutMs: 30_000,
    });
  });

  it('uses the real Knox settings when given', () => {
    vi.stubEnv('KNOX_BASE_URL', 'https://openapi.stage.samsung.net/');
    vi.stubEnv('KNOX_SYSTEM_ID', 'SYS1');
    vi.stubEnv('KNOX_TOKEN', 'secret');
    vi.stubEnv('KNOX_TIMEOUT_MS', '110000');
    resetEnvCache();
    expect(knoxClientConfigFromEnv()).toEqual({
      baseUrl: 'https://openapi.stage.samsung.net',
      systemId: 'SYS1',
      token: 'secret',
      timeoutMs: 110_000,
    });
  });
});

describe('default client', () => {
  it('is created once per process and can be replaced for tests', async () => {
    const first = defaultKnoxClient();
    expect(defaultKnoxClient()).toBe(first);

    const fake: KnoxApprovalClient = {
      submitApproval: vi.fn(async (input: SubmitApprovalInput) => ({ apInfId: input.apInfId })),
      getApprovalStatuses: vi.fn(async (ids: readonly string[]) =>
        ids.map((apInfId) => ({ apInfId, found: false as const })),
      ),
      getApprovalDetail: vi.fn(async () => {
        throw new Error('not used');
      }),
      cancelApproval: vi.fn(async () => {}),
    };
    setDefaultKnoxClient(fake);
    expect(defaultKnoxClient()).toBe(fake);
    await expect(getApprovalStatuses(['A'])).resolves.toEqual([{ apInfId: 'A', found: false }]);
    await cancelApproval('A', '취소');
    expect(fake.cancelApproval).toHaveBeenCalledWith('A', '취소');
    await expect(getApprovalDetail('A')).rejects.toThrow('not used');
    await submitApproval({ apInfId: 'A', subject: 's', contents: 'c', drafter: { epId: 'E' }, line: [] });
    expect(fake.submitApproval).toHaveBeenCalledTimes(1);

    setDefaultKnoxClient(null);
    expect(defaultKnoxClient()).not.toBe(fake);
  });
});
