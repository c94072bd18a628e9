import { MISSING_EP_ID_MESSAGE } from '@/lib/auth/permissions';

const BRAND = Symbol.for('portal.approval-error');

/** Expected failures of the approval engine; `message` is Korean and shown to users as is. */
export class ApprovalError extends Error {
  /** The code every instance of the class carries (none for the base class). */
  static readonly code?: string;
  readonly [BRAND] = true;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  // Next bundles instrumentation (where the composition root registers the features) and each route
  // separately, so a registered request function throws another bundle's copy of these classes. The
  // brand and the class's code recognise it whichever copy asks.
  static [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: the class asked (a subclass), not always ApprovalError
    const { code } = this as typeof ApprovalError;
    return code === undefined || (value as ApprovalError).code === code;
  }
}

export class MissingEpIdError extends ApprovalError {
  static readonly code = 'MISSING_EP_ID';
  constructor() {
    super(MissingEpIdError.code, MISSING_EP_ID_MESSAGE);
  }
}

export class UnknownActionTypeError extends ApprovalError {
  static readonly code = 'UNKNOWN_ACTION_TYPE';
  constructor(readonly actionType: string) {
    super(UnknownActionTypeError.code, `등록되지 않은 결재 액션 유형입니다: ${actionType}`);
  }
}

export class UnknownApproverError extends ApprovalError {
  static readonly code = 'UNKNOWN_APPROVER';
  constructor(readonly epId: string) {
    super(UnknownApproverError.code, `결재자를 찾을 수 없거나 Knox EP ID가 없습니다: ${epId}`);
  }
}

export class TemplateNotFoundError extends ApprovalError {
  static readonly code = 'TEMPLATE_NOT_FOUND';
  constructor(readonly templateName: string) {
    super(TemplateNotFoundError.code, `결재 템플릿을 찾을 수 없습니다: ${templateName}`);
  }
}

export class InvalidApprovalConfigError extends ApprovalError {
  static readonly code = 'INVALID_APPROVAL_CONFIG';
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(InvalidApprovalConfigError.code, message);
  }
}

/** Knox definitely refused the submit; nothing exists in Knox and the action is `failed`. */
export class ApprovalSubmitRefusedError extends ApprovalError {
  static readonly code = 'APPROVAL_SUBMIT_REFUSED';
  constructor(
    readonly apInfId: string,
    readonly knoxCode: string,
    readonly knoxMessage: string,
  ) {
    super(ApprovalSubmitRefusedError.code, `Knox가 결재 상신을 거부했습니다 (${knoxCode}): ${knoxMessage}`);
  }
}

/** The action is not in a state that allows the request (retry of a non-failed action, …). */
export class ApprovalStateConflictError extends ApprovalError {
  static readonly code = 'APPROVAL_STATE_CONFLICT';
  constructor(
    message: string,
    readonly currentStatus?: string,
  ) {
    super(ApprovalStateConflictError.code, message);
  }
}

export class ApprovalNotFoundError extends ApprovalError {
  static readonly code = 'APPROVAL_NOT_FOUND';
  constructor(readonly reference: string | number) {
    super(ApprovalNotFoundError.code, `결재 요청을 찾을 수 없습니다: ${reference}`);
  }
}

/** Knox could not be reached and the outcome of a withdraw is unknown; nothing was changed here. */
export class KnoxUnavailableError extends ApprovalError {
  static readonly code = 'KNOX_UNAVAILABLE';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      KnoxUnavailableError.code,
      `Knox 결재 시스템에 연결할 수 없습니다. 잠시 후 다시 시도하세요. (${detail})`,
      options,
    );
  }
}

/** Input of a domain request (vendor, PQ) that does not fit its current state or does not exist. */
export class ApprovalInputError extends ApprovalError {
  static readonly code = 'INVALID_INPUT';
  constructor(message: string) {
    super(ApprovalInputError.code, message);
  }
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // drizzle wraps a database error as "Failed query: <sql> params: <values>": the SQL and the
  // payload's values say nothing to an admin (and need not be shown), the database's reason does.
  if ('query' in error && error.cause instanceof Error) return errorText(error.cause);
  return error.message || error.name;
}
