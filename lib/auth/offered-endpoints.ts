import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { userFieldProblem } from './user-fields';

/**
 * The better-auth endpoints the portal offers: signing in with a password, signing out, reading the
 * session. Accounts, names and passwords are provisioned from the directory by admins, so
 * sign-up, profile and e-mail changes, password resets and changes, account deletion, OAuth and
 * session management are not offered. Matched on the endpoint's own path, not the request URL,
 * so no spelling of a URL reaches the others.
 */
export const OFFERED_AUTH_ENDPOINTS: ReadonlySet<string> = new Set([
  '/sign-in/email',
  '/sign-out',
  '/get-session',
  '/ok',
  '/error',
]);

const UPDATE_USER_PATH = '/update-user';

export function offeredEndpointsOnly(): BetterAuthPlugin {
  return {
    id: 'portal-offered-endpoints',
    hooks: {
      before: [
        {
          matcher: (ctx) => !OFFERED_AUTH_ENDPOINTS.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.path === UPDATE_USER_PATH) {
              // Bad input is named as such; good input is still not the user's to change.
              const problem = userFieldProblem((ctx.body ?? {}) as { name?: unknown; image?: unknown });
              if (problem)
                throw new APIError('BAD_REQUEST', { code: 'INVALID_USER_FIELD', message: problem });
              throw new APIError('FORBIDDEN', {
                code: 'PROFILE_FROM_DIRECTORY',
                message: '이름과 사진은 인사 정보에서 가져오므로 포털에서 바꿀 수 없습니다.',
              });
            }
            throw new APIError('NOT_FOUND', {
              code: 'NOT_OFFERED',
              message: '이 포털에서 제공하지 않는 기능입니다.',
            });
          }),
        },
      ],
    },
  };
}
