/**
 * Knox approval (결재) API: the client, its wire schemas, codes, errors and mapping. The four
 * functions at the bottom use the process-wide default client configured from the environment.
 */
import { env } from '@/lib/env';
import { processSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { createKnoxApprovalClient } from './client';
import type {
  ApprovalStatusResult,
  KnoxApprovalClient,
  KnoxClientConfig,
  SubmitApprovalInput,
} from './types';

export * from './client';
export * from './codes';
export * from './date-time';
export * from './errors';
export * from './mapping';
export type * from './mapping-types';
export * from './schemas';
export type * from './types';

/** Client settings from KNOX_BASE_URL, KNOX_SYSTEM_ID, KNOX_TOKEN and KNOX_TIMEOUT_MS. */
export function knoxClientConfigFromEnv(): KnoxClientConfig {
  const config = env();
  return {
    baseUrl: config.KNOX_BASE_URL,
    systemId: config.KNOX_SYSTEM_ID,
    token: config.KNOX_TOKEN,
    timeoutMs: config.KNOX_TIMEOUT_MS,
  };
}

// One per process, so that Next's separately bundled route modules and hot reload share one
// client (and so one status-call concurrency limit).
const CLIENT = 'knox-client';

/** The process-wide client, created from the environment on first use. */
export function defaultKnoxClient(): KnoxApprovalClient {
  return processSingleton(CLIENT, () => createKnoxApprovalClient(knoxClientConfigFromEnv()));
}

/** Replaces the process-wide client (tests, benchmarks); `null` goes back to the environment's. */
export function setDefaultKnoxClient(client: KnoxApprovalClient | null): void {
  setProcessSingleton(CLIENT, client ?? undefined);
}

/** 상신: submits a document whose apInfId we created. Never retried: on an unknown outcome, ask Knox. */
export function submitApproval(input: SubmitApprovalInput): Promise<{ apInfId: string }> {
  return defaultKnoxClient().submitApproval(input);
}

/** One result per asked id, in the order asked (chunks of 100, limited concurrency, retried). */
export function getApprovalStatuses(apInfIds: readonly string[]): Promise<ApprovalStatusResult[]> {
  return defaultKnoxClient().getApprovalStatuses(apInfIds);
}

/** The document with its approval line; KnoxNotFoundError when Knox does not know it. */
export function getApprovalDetail(apInfId: string) {
  return defaultKnoxClient().getApprovalDetail(apInfId);
}

/** 상신취소: withdraws a document still in progress. Never retried. */
export function cancelApproval(apInfId: string, opinion: string): Promise<void> {
  return defaultKnoxClient().cancelApproval(apInfId, opinion);
}
