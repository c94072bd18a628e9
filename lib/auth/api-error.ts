/**
 * An error thrown (or returned to an after-hook) by better-auth, recognised by its shape. Never by
 * `instanceof APIError`: Next bundles better-auth separately into the server action and the
 * /api/auth route, and whichever loads first creates the shared instance, so an error can come from
 * a class the caller never imported.
 */
export interface AuthApiError {
  /** HTTP status, e.g. 401. */
  statusCode: number;
  /** better-auth's error code, e.g. `INVALID_EMAIL_OR_PASSWORD`. */
  code: string | null;
  message: string | null;
  headers: Headers;
}

const statusByName: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export function authApiErrorOf(error: unknown): AuthApiError | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as {
    name?: unknown;
    status?: unknown;
    statusCode?: unknown;
    body?: { code?: unknown; message?: unknown } | null;
    headers?: unknown;
  };
  if (candidate.name !== 'APIError') return null;
  const statusCode =
    typeof candidate.statusCode === 'number'
      ? candidate.statusCode
      : typeof candidate.status === 'number'
        ? candidate.status
        : typeof candidate.status === 'string'
          ? statusByName[candidate.status]
          : undefined;
  if (statusCode === undefined) return null;
  let headers: Headers;
  try {
    headers = new Headers((candidate.headers ?? {}) as HeadersInit);
  } catch {
    headers = new Headers();
  }
  return {
    statusCode,
    code: typeof candidate.body?.code === 'string' ? candidate.body.code : null,
    message: typeof candidate.body?.message === 'string' ? candidate.body.message : null,
    headers,
  };
}
