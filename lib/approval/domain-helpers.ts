import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '@/db';
import { users } from '@/db/schema';
import { kstDate } from '@/lib/time/kst';
import { ApprovalInputError, MissingEpIdError } from './errors';
import type { ApprovalRequester } from './types';

/** Parses a domain request's input; the first problem becomes a Korean ApprovalInputError. */
export function parseApprovalInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.');
    throw new ApprovalInputError(field ? `${field}: ${issue.message}` : issue.message);
  }
  return result.data;
}

/** Kept here for the domains that import it with the other helpers; the one definition is lib/time. */
export { kstDate };

/**
 * The requester block every template starts with (요청부서, 요청자, 요청일). Refuses a requester
 * without an EP ID up front when approval is on, before any other lookup.
 */
export async function requesterVariables(
  db: Db | Tx,
  requester: ApprovalRequester,
  workflowEnabled: boolean,
): Promise<{ 요청부서: string; 요청자: string; 요청일: string }> {
  if (workflowEnabled && !requester.epId) throw new MissingEpIdError();
  const [user] = await db
    .select({ name: users.name, department: users.department })
    .from(users)
    .where(eq(users.id, requester.id));
  const name = user?.name ?? requester.name ?? requester.email ?? requester.id;
  return {
    요청부서: user?.department ?? '-',
    요청자: requester.epId ? `${name} (${requester.epId})` : name,
    요청일: kstDate(),
  };
}

/** yyyy-MM-dd, a real calendar date. */
export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
export function isCalendarDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
