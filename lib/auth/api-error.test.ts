import { APIError } from 'better-auth/api';
import { describe, expect, it } from 'vitest';
import { authApiErrorOf } from './api-error';

describe('authApiErrorOf', () => {
  it('reads better-auth errors', () => {
    const error = new APIError('UNAUTHORIZED', { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid' });
    expect(authApiErrorOf(error)).toMatchObject({
      statusCode: 401,
      code: 'INVALID_EMAIL_OR_PASSWORD',
      message: 'Invalid',
    });
  });

  it('reads an error of another bundled copy, which is no instance of ours', () => {
    // What the server action sees when /api/auth loaded better-auth first.
    class OtherCopyError extends Error {
      status = 'TOO_MANY_REQUESTS';
      statusCode = 429;
      body = { code: 'TOO_MANY_ATTEMPTS', message: '잠시 뒤에' };
      headers = { 'Retry-After': '30' };
      override name = 'APIError';
    }
    const error = new OtherCopyError();
    expect(error instanceof APIError).toBe(false);
    const read = authApiErrorOf(error);
    expect(read).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(read?.headers.get('retry-after')).toBe('30');
  });

  it('falls back to the status name and ignores everything else', () => {
    expect(authApiErrorOf({ name: 'APIError', status: 'BAD_REQUEST', body: {} })?.statusCode).toBe(400);
    expect(authApiErrorOf(new Error('boom'))).toBeNull();
    expect(authApiErrorOf({ name: 'APIError' })).toBeNull();
    expect(authApiErrorOf(null)).toBeNull();
  });
});
