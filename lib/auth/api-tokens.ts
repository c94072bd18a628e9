import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { apiTokens, users } from '@/db/schema';
import { processSingleton } from '@/lib/process-singleton';
import { type CurrentUser, toCurrentUser } from './current-user';

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Reads `Authorization: Bearer <token>`; null when absent or malformed. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** How stale `last_used_at` may get: an agent polling every few seconds should not write each time. */
export const LAST_USED_PRECISION_MS = 60_000;

/** Token id → when this process last wrote its last_used_at: concurrent requests write it once. */
const lastWritten = () => processSingleton('api-token-last-written', () => new Map<number, number>());

/**
 * The user a (non-revoked) API token belongs to, or null. Only the token's hash is compared. One
 * query per request; `last_used_at` is written at most once a minute per token and process (a burst
 * of requests that all read the old value would otherwise each write it).
 */
export async function authenticateApiToken(db: Db, token: string): Promise<CurrentUser | null> {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = new Date();
  const stale = (time: number | undefined) =>
    time === undefined || now.getTime() - time >= LAST_USED_PRECISION_MS;
  if (stale(row.lastUsedAt?.getTime()) && stale(lastWritten().get(row.tokenId))) {
    lastWritten().set(row.tokenId, now.getTime());
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return toCurrentUser(row.user);
}
