import type { Db } from '@/db';
import { authenticateApiToken, bearerToken } from '@/lib/auth/api-tokens';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import { forbidden, unauthorized } from './errors';

/** The user behind `Authorization: Bearer <API token>`; 401 when the token is missing, malformed or unknown. */
export async function requireApiUser(db: Db, request: Request): Promise<CurrentUser> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) throw unauthorized('Authorization: Bearer <API 토큰> 헤더가 필요합니다');
  const user = await authenticateApiToken(db, token);
  if (!user) throw unauthorized('API 토큰이 올바르지 않거나 폐기되었습니다');
  return user;
}

/** 403 unless the user is an admin. */
export function requireAdmin(user: CurrentUser): void {
  if (!permissions.administer(user)) throw forbidden('관리자만 할 수 있는 작업입니다');
}
