import { MISSING_EP_ID_MESSAGE } from '@/lib/auth/permissions';

/** Expected failures of the approval engine; `message` is Korean and shown to users as is. */
export class ApprovalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class MissingEpIdError extends ApprovalError {
  constructor() {
    super('MISSING_EP_ID', MISSING_EP_ID_MESSAGE);
  }
}

export class UnknownActionTypeError extends ApprovalError {
  constructor(readonly actionType: string) {
    super('UNKNOWN_ACTION_TYPE', `등록되지 않은 결재 액션 유형입니다: ${actionType}`);
  }
}

export class UnknownApproverError extends ApprovalError {
  constructor(readonly epId: string) {
    super('UNKNOWN_APPROVER', `결재자를 찾을 수 없거나 Knox EP ID가 없습니다: ${epId}`);
  }
}

export class TemplateNotFoundError extends ApprovalError {
  constructor(readonly templateName: string) {
    super('TEMPLATE_NOT_FOUND', `결재 템플릿을 찾을 수 없습니다: ${templateName}`);
  }
}

export class InvalidApprovalConfigError extends ApprovalError {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super('INVALID_APPROVAL_CONFIG', message);
  }
}

/** Knox definitely refused the submit; nothing exists in Knox and the action is `failed`. */
export class ApprovalSubmitRefusedError extends ApprovalError {
  constructor(
    readonly apInfId: string,
    readonly knoxCode: string,
    readonly knoxMessage: string,
  ) {
    super('APPROVAL_SUBMIT_REFUSED', `Knox가 결재 상신을 거부했습니다 (${knoxCode}): ${knoxMessage}`);
  }
}

/** The action is not in a state that allows the request (retry of a non-failed action, …). */
export class ApprovalStateConflictError extends ApprovalError {
  constructor(
    message: string,
    readonly currentStatus?: string,
  ) {
    super('APPROVAL_STATE_CONFLICT', message);
  }
}

export class ApprovalNotFoundError extends ApprovalError {
  constructor(readonly reference: string | number) {
    super('APPROVAL_NOT_FOUND', `결재 요청을 찾을 수 없습니다: ${reference}`);
  }
}

/** Knox could not be reached and the outcome of a withdraw is unknown; nothing was changed here. */
export class KnoxUnavailableError extends ApprovalError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'KNOX_UNAVAILABLE',
      `Knox 결재 시스템에 연결할 수 없습니다. 잠시 후 다시 시도하세요. (${detail})`,
      options,
    );
  }
}

/** Input of a domain request (vendor, PQ) that does not fit its current state or does not exist. */
export class ApprovalInputError extends ApprovalError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
