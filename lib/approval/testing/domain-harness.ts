/**
 * The set-up every feature's approval tests share (imported by *.int.test.ts only): for the test
 * file, an approval harness (seeded database, Knox simulator) with approval switched on, and the
 * demo requester 김구매.
 */
import { afterAll, beforeAll } from 'vitest';
import type { ApprovalRequester } from '../types';
import { type ApprovalHarness, setEngineEnv, startApprovalHarness } from './harness';

/** 김구매 (E1001), the demo drafter. */
export const KIM: ApprovalRequester = { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com' };

/**
 * Starts the harness before the file's tests and closes it after them. The returned object stands
 * for the harness once beforeAll has run (reading it earlier throws).
 */
export function setUpApprovalHarness(): ApprovalHarness {
  let current: ApprovalHarness | undefined;
  beforeAll(async () => {
    current = await startApprovalHarness();
    setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'true' });
  });
  afterAll(async () => {
    setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: undefined });
    await current?.close();
  });
  const harness = () => {
    if (!current) throw new Error('the approval harness starts in beforeAll');
    return current;
  };
  return {
    get database() {
      return harness().database;
    },
    get knoxUrl() {
      return harness().knoxUrl;
    },
    act: (...args) => harness().act(...args),
    approveAll: (apInfId) => harness().approveAll(apInfId),
    setFaults: (settings) => harness().setFaults(settings),
    clearFaults: () => harness().clearFaults(),
    knoxStatus: (apInfId) => harness().knoxStatus(apInfId),
    close: () => harness().close(),
  };
}
