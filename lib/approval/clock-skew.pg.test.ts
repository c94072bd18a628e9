/**
 * Clock skew (issue 16, read in the code): an instance whose clock runs ahead must judge "still in
 * flight" and "too old" by the database's clock, the one that wrote created_at. The app clock is
 * moved with Vitest's fake Date only; the database's stays where it is.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPendingApprovals, checkSingleApprovalStatus } from '@/lib/approval';
import { type EngineWorld, startEngineWorld } from './testing/engine-world';
import { setEngineEnv } from './testing/harness';
import { createGate, type HookedKnox, hookKnoxClient } from './testing/knox-hooks';

let w: EngineWorld;
let knox: HookedKnox;

beforeAll(async () => {
  w = await startEngineWorld();
  // Grace period 6 × 10 s = 60 s: well inside the 180 s of skew below.
  setEngineEnv({ KNOX_TIMEOUT_MS: '10000' });
}, 60_000);

afterAll(async () => {
  setEngineEnv({ KNOX_TIMEOUT_MS: undefined });
  await w?.close();
});

afterEach(() => {
  vi.useRealTimers();
  knox?.restore();
});

function skewAppClock(ms: number) {
  const real = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(real + ms);
}

describe('the database clock decides (PostgreSQL)', () => {
  it('an instance 180 s ahead leaves a submit in flight alone', async () => {
    knox = hookKnoxClient();
    const landing = createGate();
    let apInfId = '';
    let attempts = 0;
    knox.hooks.beforeSubmit = async (input) => {
      attempts += 1;
      if (attempts === 1) {
        apInfId = input.apInfId;
        await landing.pass();
      }
    };
    const submitting = w.submit('skew-in-flight');
    await landing.reached;

    skewAppClock(180_000);
    const checked = await checkSingleApprovalStatus(apInfId);
    vi.useRealTimers();
    expect(checked.actionStatus).toBe('pending');
    expect(attempts, 'resubmitted a document whose first submit was still in flight').toBe(1);

    landing.open();
    await submitting;
    expect(await w.h.knoxStatus(apInfId)).toBe(1);
  });

  it('an instance 31 days ahead expires nothing that is not old', async () => {
    const apInfId = await w.submit('skew-expiry');
    skewAppClock(31 * 24 * 3600_000);
    await checkPendingApprovals();
    await checkSingleApprovalStatus(apInfId);
    vi.useRealTimers();
    expect((await w.action(apInfId)).status).toBe('pending');
    expect(await w.h.knoxStatus(apInfId)).toBe(1);
  });
});
