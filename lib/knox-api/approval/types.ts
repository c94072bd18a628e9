import type { KnoxStatus } from './codes';
import type { Attachment } from './mapping-types';
import type { ApprovalDetail } from './schemas';

export type { ApprovalDetail } from './schemas';

/** How an entry of the approval line takes part (mapped to Knox's numeric `role`). */
export type ApprovalLineRole =
  | 'approve'
  | 'agree'
  | 'notify'
  | 'post_approve'
  | 'parallel_agree'
  | 'parallel_approve';

export interface ApprovalLinePerson {
  epId: string;
  userId?: string;
  emailAddress?: string;
}

export interface ApprovalLineEntryInput extends ApprovalLinePerson {
  role: ApprovalLineRole;
  /** May decide 전결 (arbPmtYn "Y"). */
  arbitrary?: boolean;
}

/** What we submit, in our own terms; mapping.ts turns it into Knox's body. */
export interface SubmitApprovalInput {
  /** Created by us: at most 32 characters, unique. */
  apInfId: string;
  subject: string;
  /** The rendered HTML document. */
  contents: string;
  drafter: ApprovalLinePerson & { opinion?: string };
  /** In order; drafter excluded. */
  line: ApprovalLineEntryInput[];
  urgent?: boolean;
  important?: boolean;
  /** Notify every entry (notifyOption "1") instead of only 통보 entries ("0"). */
  notifyAll?: boolean;
  submittedAt?: Date;
  attachments?: Attachment[];
}

/**
 * One result per asked id: Knox's status; `found: false` when Knox does not know the id (APE020);
 * `found: 'unreadable'` when Knox answered for it with an entry we cannot read (a status outside
 * -2..6, a missing field): the document exists, its status is unknown, ask again later.
 */
export type ApprovalStatusResult =
  | { apInfId: string; found: true; status: KnoxStatus; docChgNum: number }
  | { apInfId: string; found: false }
  | { apInfId: string; found: 'unreadable'; reason: string };

export interface KnoxApprovalClient {
  submitApproval(input: SubmitApprovalInput): Promise<{ apInfId: string }>;
  getApprovalStatuses(apInfIds: readonly string[]): Promise<ApprovalStatusResult[]>;
  getApprovalDetail(apInfId: string): Promise<ApprovalDetail>;
  cancelApproval(apInfId: string, opinion: string): Promise<void>;
}

export interface KnoxClientConfig {
  baseUrl: string;
  systemId: string;
  token: string;
  /** Time-out of one HTTP call. */
  timeoutMs: number;
  /** Attempts for reads (status, detail) on an unknown outcome; submit and cancel are tried once. */
  readAttempts?: number;
  /** Base delay of the read retries' exponential backoff. */
  retryBaseDelayMs?: number;
  /** Concurrent status calls when more than 100 ids are asked. */
  statusConcurrency?: number;
  fetch?: typeof fetch;
  /** Waits between read retries; injectable so tests need not wait. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of the backoff jitter, in [0, 1). Default: Math.random. */
  random?: () => number;
}
