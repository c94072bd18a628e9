import { ZodError, type z } from 'zod';

export type ApiErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_ERROR'
  | (string & {});

/** An expected failure of an API call, answered with the contract's error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 500 | 502 | 503,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = (message = 'API 토큰이 없거나 올바르지 않습니다') =>
  new ApiError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = '이 작업을 할 권한이 없습니다') =>
  new ApiError(403, 'FORBIDDEN', message);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);
export const invalidInput = (message: string) => new ApiError(400, 'INVALID_INPUT', message);

/** `{ "error": { "code", "message" } }` — the one error shape of the REST API. */
export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** One readable line from a zod error: `field: problem; other: problem`. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Parses input with a schema, turning a failure into a 400 with every problem named. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(`${what}: ${describeZodError(result.error)}`);
  return result.data;
}

export { ZodError };
