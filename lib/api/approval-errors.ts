import {
  ApprovalError,
  ApprovalInputError,
  ApprovalNotFoundError,
  ApprovalStateConflictError,
  InvalidApprovalConfigError,
  KnoxUnavailableError,
  MissingEpIdError,
  TemplateNotFoundError,
  UnknownActionTypeError,
  UnknownApproverError,
} from '@/lib/approval/errors';
import { ApiError } from './errors';

/**
 * The HTTP status of an approval engine error; its code and Korean message pass through unchanged.
 * Null for anything that is not an expected engine failure.
 */
export function approvalErrorToApiError(error: unknown): ApiError | null {
  if (!(error instanceof ApprovalError)) return null;
  return new ApiError(statusOf(error), error.code, error.message);
}

function statusOf(error: ApprovalError): ApiError['status'] {
  if (error instanceof ApprovalNotFoundError) return 404;
  if (error instanceof MissingEpIdError) return 403;
  if (
    error instanceof ApprovalInputError ||
    error instanceof InvalidApprovalConfigError ||
    error instanceof UnknownActionTypeError ||
    error instanceof UnknownApproverError ||
    error instanceof TemplateNotFoundError
  ) {
    return 400;
  }
  if (error instanceof KnoxUnavailableError) return 503;
  // State conflicts, and Knox refusing a submit or withdraw: the request was fine, the state was not.
  if (error instanceof ApprovalStateConflictError) return 409;
  return 409;
}
