/**
 * Knox's codes, in one place (knox-api.md, "Codes"). Rows marked inferred were not seen on the wire.
 */

/** Document status (`status`). */
export const KNOX_STATUS = {
  ENCRYPTING: -2,
  SCHEDULED: -1,
  ON_HOLD: 0,
  IN_PROGRESS: 1,
  COMPLETED: 2,
  REJECTED: 3,
  WITHDRAWN: 4,
  ARBITRARY_COMPLETED: 5,
  POST_COMPLETED: 6,
} as const;
export type KnoxStatus = (typeof KNOX_STATUS)[keyof typeof KNOX_STATUS];

export const KNOX_STATUS_CODES: readonly KnoxStatus[] = [-2, -1, 0, 1, 2, 3, 4, 5, 6];

export const KNOX_STATUS_LABELS: Record<KnoxStatus, string> = {
  [-2]: '암호화중',
  [-1]: '예약상신',
  0: '보류',
  1: '진행중',
  2: '완결',
  3: '반려',
  4: '상신취소',
  5: '전결',
  6: '후완결',
};

/** What the project does with a document in each status. */
export type KnoxStatusOutcome = 'wait' | 'execute' | 'reject';

export function knoxStatusOutcome(status: number): KnoxStatusOutcome {
  switch (status) {
    case KNOX_STATUS.COMPLETED:
    case KNOX_STATUS.ARBITRARY_COMPLETED:
    case KNOX_STATUS.POST_COMPLETED:
      return 'execute';
    case KNOX_STATUS.REJECTED:
    case KNOX_STATUS.WITHDRAWN:
      return 'reject';
    case KNOX_STATUS.ENCRYPTING:
    case KNOX_STATUS.SCHEDULED:
    case KNOX_STATUS.ON_HOLD:
    case KNOX_STATUS.IN_PROGRESS:
      return 'wait';
    default:
      throw new RangeError(`Unknown Knox document status: ${status}`);
  }
}

export function isKnoxStatus(value: number): value is KnoxStatus {
  return (KNOX_STATUS_CODES as readonly number[]).includes(value);
}

/** Approval line `role`. */
export const KNOX_LINE_ROLE = {
  DRAFTER: 0,
  APPROVE: 1,
  AGREE: 2,
  POST_APPROVE: 3,
  PARALLEL_AGREE: 4,
  PARALLEL_APPROVE: 7,
  NOTIFY: 9,
} as const;

/** Knox's numeric `role` for each of our line roles (the drafter is always role 0). */
export const LINE_ROLE_CODES = {
  approve: KNOX_LINE_ROLE.APPROVE,
  agree: KNOX_LINE_ROLE.AGREE,
  post_approve: KNOX_LINE_ROLE.POST_APPROVE,
  parallel_agree: KNOX_LINE_ROLE.PARALLEL_AGREE,
  parallel_approve: KNOX_LINE_ROLE.PARALLEL_APPROVE,
  notify: KNOX_LINE_ROLE.NOTIFY,
} as const satisfies Record<string, number>;

export const KNOX_LINE_ROLE_LABELS: Record<number, string> = {
  0: '기안',
  1: '결재',
  2: '합의',
  3: '후결',
  4: '병렬합의',
  7: '병렬결재',
  9: '통보',
};

/** Per-entry `aplnStatsCode`. */
export const KNOX_LINE_STATUS = {
  PENDING: 0,
  APPROVED: 1,
  REJECTED: 2,
  ARBITRARY: 3,
  AUTO_APPROVED: 5,
  AUTO_REJECTED: 6,
} as const;

export const KNOX_LINE_STATUS_LABELS: Record<number, string> = {
  0: '미결',
  1: '결재',
  2: '반려',
  3: '전결',
  5: '자동결재',
  6: '자동반려',
};

/**
 * Business error codes (`errorDetail.errorCode`). APE020 was seen on the wire; the others are the
 * simulator's own for cases Knox's behaviour is inferred (knox-api.md allows this, in one table).
 */
export const KNOX_ERROR = {
  /** "[apInfId] that request process does not exist" */
  NOT_FOUND: 'APE020',
  /** A document with this apInfId already exists (inferred). */
  DUPLICATE_ID: 'SIM001',
  /** The request body is malformed or misses a required field (inferred). */
  INVALID_REQUEST: 'SIM002',
  /** The approval line is empty or invalid (inferred). */
  INVALID_LINE: 'SIM003',
  /** Cancel refused: the document is no longer in progress (inferred). */
  CANCEL_NOT_ALLOWED: 'SIM004',
  /** The acting person may not act on this document now (simulator control API). */
  ACTION_NOT_ALLOWED: 'SIM005',
  /**
   * The approval line names an EP ID Knox does not know (inferred: Knox resolves every EP ID of the
   * line to a person when the document is submitted, so an unknown one cannot be routed).
   */
  UNKNOWN_PERSON: 'SIM006',
  /** Injected by the simulator's fault settings. */
  INJECTED_FAILURE: 'SIM900',
  /** Control API: a browser request from another site or origin (HTTP 403). */
  CROSS_SITE_REFUSED: 'SIM403',
  /** Control API: a body that is not application/json (HTTP 415). */
  UNSUPPORTED_MEDIA_TYPE: 'SIM415',
  /** Control API: neither a portal session nor the simulator's Knox credentials (HTTP 401). */
  UNAUTHENTICATED: 'SIM401',
} as const;

/** HTTP 401 body for bad credentials (inferred). */
export const KNOX_INVALID_CREDENTIALS = { code: '900901', message: 'Invalid Credentials' } as const;

/** Real callers send at most this many ids per status call. */
export const KNOX_STATUS_BATCH_SIZE = 100;

/** Knox's document id is created by the caller: at most this many characters. */
export const KNOX_AP_INF_ID_MAX_LENGTH = 32;
