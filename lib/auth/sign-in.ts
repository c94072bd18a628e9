import { authApiErrorOf } from './api-error';
import type { Auth } from './auth';
import { TOO_MANY_ATTEMPTS_CODE, tooManyAttemptsMessage } from './sign-in-guard';

export type SignInOutcome =
  | { ok: true }
  | { ok: false; code: 'INVALID_CREDENTIALS' | 'INVALID_INPUT'; message: string }
  | { ok: false; code: 'TOO_MANY_ATTEMPTS'; message: string; retryAfterSeconds: number };

const INVALID_CREDENTIALS = '이메일 또는 비밀번호가 올바르지 않습니다.';

function retryAfterOf(headers: Headers): number {
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}

/**
 * Signs in through better-auth's own endpoint, so the form goes through the same hooks (throttle,
 * audit) as `POST /api/auth/sign-in/email`. Refusals come back as values; anything else is a bug.
 */
export async function signInWithPassword(
  auth: Auth,
  credentials: { email: string; password: string },
  requestHeaders: Headers,
): Promise<SignInOutcome> {
  try {
    await auth.api.signInEmail({ body: credentials, headers: requestHeaders });
    return { ok: true };
  } catch (caught) {
    const error = authApiErrorOf(caught);
    if (!error) throw caught;
    if (error.statusCode === 429 || error.code === TOO_MANY_ATTEMPTS_CODE) {
      const retryAfterSeconds = retryAfterOf(error.headers);
      return {
        ok: false,
        code: 'TOO_MANY_ATTEMPTS',
        message: tooManyAttemptsMessage(retryAfterSeconds),
        retryAfterSeconds,
      };
    }
    if (error.statusCode === 400) {
      return { ok: false, code: 'INVALID_INPUT', message: error.message ?? '입력값을 확인해 주세요.' };
    }
    if (error.statusCode === 401 || error.statusCode === 403) {
      return { ok: false, code: 'INVALID_CREDENTIALS', message: INVALID_CREDENTIALS };
    }
    throw caught;
  }
}
