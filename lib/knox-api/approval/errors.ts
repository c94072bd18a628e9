/**
 * Knox call failures, split by what they mean for the caller:
 * - KnoxRefusedError: Knox definitely did not do it (result "fail", 4xx, 401). Safe to compensate.
 * - KnoxUnknownOutcomeError: the request may or may not have taken effect (time-out, dropped
 *   connection, 5xx or an unreadable answer after the request was sent). Never guess: ask Knox.
 */
export type KnoxEndpoint = 'submit' | 'status' | 'detail' | 'cancel';

export class KnoxError extends Error {
  constructor(
    message: string,
    readonly endpoint: KnoxEndpoint,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class KnoxRefusedError extends KnoxError {
  constructor(
    message: string,
    endpoint: KnoxEndpoint,
    /** Knox's errorCode (e.g. APE020) or the HTTP status as text. */
    readonly code: string,
    readonly httpStatus: number,
    options?: { cause?: unknown; knoxMessage?: string },
  ) {
    super(message, endpoint, options);
    this.knoxMessage = options?.knoxMessage ?? message;
  }

  /** Knox's own words (errorMessage), without our "Knox refused …" framing: what users are shown. */
  readonly knoxMessage: string;
}

/** HTTP 401: wrong System-ID or token. */
export class KnoxAuthError extends KnoxRefusedError {}

/** APE020: Knox does not know the document (never existed, or its history was deleted after ~30 days). */
export class KnoxNotFoundError extends KnoxRefusedError {}

export class KnoxUnknownOutcomeError extends KnoxError {
  constructor(
    message: string,
    endpoint: KnoxEndpoint,
    /** 'timeout' | 'network' | 'http_5xx' | 'invalid_response' */
    readonly reason: 'timeout' | 'network' | 'http_5xx' | 'invalid_response',
    options?: { cause?: unknown },
  ) {
    super(message, endpoint, options);
  }
}

/**
 * The client refused to send the request because Knox would refuse it (bad input: empty line,
 * malformed apInfId, …). Nothing was sent, so this is a definite refusal with no HTTP status (0).
 */
export class KnoxInvalidRequestError extends KnoxRefusedError {
  constructor(message: string, endpoint: KnoxEndpoint = 'submit', options?: { cause?: unknown }) {
    super(message, endpoint, 'INVALID_REQUEST', 0, options);
  }
}
