import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record';
import { clientAddressOf } from '@/lib/http/client-address';
import { authApiErrorOf } from './api-error';
import { SIGN_IN_FAILED_EVENT, type SignInFailureReason } from './sign-in-failure';
import { normalizeSignInEmail, type SignInAttempt } from './sign-in-throttle';
import {
  releaseSignInAttempt,
  reserveSignInAttempt,
  type ThrottleStoreOptions,
} from './sign-in-throttle-store';

export const TOO_MANY_ATTEMPTS_CODE = 'TOO_MANY_ATTEMPTS';

const SIGN_IN_PATH = '/sign-in/email';
const MAX_EMAIL_LENGTH = 254;
const emailSchema = z.email().max(MAX_EMAIL_LENGTH);

/** "30초", "5분": how long to wait, as the sign-in form and the 429 body say it. */
export function formatWait(seconds: number): string {
  return seconds < 60 ? `${seconds}초` : `${Math.ceil(seconds / 60)}분`;
}

export const tooManyAttemptsMessage = (retryAfterSeconds: number) =>
  `로그인 시도가 너무 많습니다. ${formatWait(retryAfterSeconds)} 뒤에 다시 시도해 주세요.`;

interface HookContext {
  body?: unknown;
  headers?: Headers;
  request?: Request;
}

/**
 * The attempt a sign-in request makes, or null when its email is not one better-auth would look
 * up. Such a request is refused here, before the password check, so nothing reaches that check
 * without being counted (and no odd byte reaches the throttle's table).
 */
function attemptOf(ctx: HookContext): SignInAttempt | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || !emailSchema.safeParse(email).success) return null;
  return {
    email: normalizeSignInEmail(email),
    clientAddress: clientAddressOf(ctx.headers ?? new Headers()),
  };
}

export interface SignInGuardOptions extends ThrottleStoreOptions {
  db: Db;
}

/**
 * better-auth plugin: the one sign-in throttle, for `POST /api/auth/sign-in/email` and the sign-in
 * form's `auth.api.signInEmail` alike (hooks run on both), and an audit event for every failure.
 */
export function signInGuard(options: SignInGuardOptions): BetterAuthPlugin {
  const { db } = options;

  async function audit(ctx: HookContext, attempt: SignInAttempt, reason: SignInFailureReason, extra = {}) {
    await recordAuditEvent(db, {
      kind: SIGN_IN_FAILED_EVENT,
      subject: attempt.email,
      clientAddress: attempt.clientAddress,
      detail: {
        reason,
        via: ctx.request ? 'api' : 'form',
        userAgent: ctx.headers?.get('user-agent')?.slice(0, 200) ?? null,
        ...extra,
      },
    });
  }

  async function accountExists(email: string): Promise<boolean> {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    return Boolean(row);
  }

  return {
    id: 'portal-sign-in-guard',
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const attempt = attemptOf(ctx);
            if (!attempt) {
              throw new APIError('BAD_REQUEST', {
                code: 'INVALID_EMAIL',
                message: '이메일 형식이 올바르지 않습니다.',
              });
            }
            const decision = await reserveSignInAttempt(db, attempt, options);
            if (decision.allowed) return;
            const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
            await audit(ctx, attempt, 'throttled', { retryAfterSeconds, limitedBy: decision.scope });
            throw new APIError(
              'TOO_MANY_REQUESTS',
              {
                code: TOO_MANY_ATTEMPTS_CODE,
                message: tooManyAttemptsMessage(retryAfterSeconds),
                retryAfterSeconds,
              },
              { 'Retry-After': String(retryAfterSeconds) },
            );
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const attempt = attemptOf(ctx);
            if (!attempt) return;
            const error = authApiErrorOf(ctx.context.returned);
            if (!error) {
              await releaseSignInAttempt(db, attempt, options);
              return;
            }
            // The attempt stays counted: only a correct password gives it back.
            if (error.statusCode === 401) {
              const reason = (await accountExists(attempt.email)) ? 'wrong_password' : 'unknown_account';
              await audit(ctx, attempt, reason);
            } else {
              await audit(ctx, attempt, 'refused', { status: error.statusCode, code: error.code });
            }
          }),
        },
      ],
    },
  };
}
