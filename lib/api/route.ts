import type { z } from 'zod';
import { type Db, getDb } from '@/db';
import type { CurrentUser } from '@/lib/auth/current-user';
import { approvalLogger, logger } from '@/lib/observability/logger';
import { approvalErrorToApiError } from './approval-errors';
import { requireApiOrSessionUser, requireApiUser } from './auth';
import { ApiError, errorResponse, parseInput } from './errors';

export interface ApiContext<P> {
  db: Db;
  user: CurrentUser;
  request: Request;
  params: P;
}

type RouteParams = Record<string, string | string[] | undefined>;

/**
 * Wraps a REST handler: authenticates the bearer token, hands over the awaited route params, and
 * turns every expected failure into the error envelope. Anything else is a bug: logged, 500.
 */
export function apiRoute<P extends RouteParams = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<unknown>,
  options: {
    status?: number;
    /** Also accept the portal's session cookie (see requireApiOrSessionUser). */
    session?: boolean;
  } = {},
) {
  return async (request: Request, route?: { params?: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const user = await (options.session ? requireApiOrSessionUser : requireApiUser)(db, request);
      const params = ((await route?.params) ?? {}) as P;
      const body = await handler({ db, user, request, params });
      return Response.json(body, { status: options.status ?? 200 });
    } catch (error) {
      return toErrorResponse(error, request);
    }
  };
}

export function toErrorResponse(error: unknown, request: Request): Response {
  const known = error instanceof ApiError ? error : approvalErrorToApiError(error);
  if (known) return errorResponse(known.status, known.code, known.message);
  const path = new URL(request.url).pathname;
  // A failure about one approval carries its Knox id, like every other line about it.
  const apInfId = path.match(/^\/api\/approvals\/([^/]+)/)?.[1];
  (apInfId ? approvalLogger(safeDecode(apInfId), 'rest-api') : logger()).error(
    { err: error, method: request.method, path },
    'unexpected error in an API route',
  );
  return errorResponse(500, 'INTERNAL_ERROR', '서버 오류가 발생했습니다');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The query string as a plain object (last value wins), for zod. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}

/** The JSON body, validated; an empty or non-JSON body is a 400. */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  const text = await request.text();
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'INVALID_INPUT', '요청 본문이 올바른 JSON이 아닙니다');
  }
  return parseInput(schema, raw, '요청 본문');
}
