import type { Db } from '@/db';
import { authenticateApiToken, bearerToken } from '@/lib/auth/api-tokens';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import { sessionUserOf } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { crossSiteReason, isOwnOrigin } from '@/lib/http/request-guard';
import { forbidden, unauthorized } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The user behind `Authorization: Bearer <API token>`; 401 when the token is missing, malformed or unknown. */
export async function requireApiUser(db: Db, request: Request): Promise<CurrentUser> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) throw unauthorized('Authorization: Bearer <API 토큰> 헤더가 필요합니다');
  const user = await authenticateApiToken(db, token);
  if (!user) throw unauthorized('API 토큰이 올바르지 않거나 폐기되었습니다');
  return user;
}

/**
 * The caller by API token when one is sent, else by the portal's session cookie (for the pages'
 * own requests). A browser attaches the cookie to requests other sites make it send, too, so a
 * cookie-authenticated write must come from this app's own origin; reads answer only the caller,
 * and the browser keeps the answer from another site's script.
 */
export async function requireApiOrSessionUser(db: Db, request: Request): Promise<CurrentUser> {
  if (request.headers.get('authorization')) return requireApiUser(db, request);
  const user = request.headers.get('cookie') ? await sessionUserOf(request.headers) : null;
  if (!user) throw unauthorized('로그인하거나 Authorization: Bearer <API 토큰> 헤더를 보내세요');
  if (
    !SAFE_METHODS.has(request.method) &&
    (!isOwnOrigin(request.headers.get('origin'), env().APP_URL) ||
      crossSiteReason(request.headers, env().APP_URL))
  ) {
    throw forbidden('이 포털의 화면에서 보낸 요청만 처리합니다');
  }
  return user;
}

/** 403 unless the user is an admin. */
export function requireAdmin(user: CurrentUser): void {
  if (!permissions.administer(user)) throw forbidden('관리자만 할 수 있는 작업입니다');
}
