import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { createKnoxApprovalClient } from '@/lib/knox-api/approval';

/** The real Knox client, pointed at a simulator on a loopback port. */
export const knoxClientFor = (baseUrl: string, timeoutMs: number) =>
  createKnoxApprovalClient({
    baseUrl,
    systemId: SIMULATOR_SYSTEM_ID,
    token: SIMULATOR_TOKEN,
    timeoutMs,
    retryBaseDelayMs: 20,
  });
