import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { ApprovalError } from '@/lib/approval/errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { getSessionUser } from '@/lib/auth/session';
import { KnoxError } from '@/lib/knox-api/approval/errors';
import { logger } from '@/lib/observability/logger';
import { type ActionResult, actionFail, actionOk } from './result';

/** A failure the user can act on; thrown inside an action body, returned as a result. */
export class ActionRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionRefusal';
  }
}

interface ActionDefinition<S extends z.ZodType, T> {
  /** Short name for logs. */
  name: string;
  input: S;
  /** Permission check on the signed-in user; false → FORBIDDEN. */
  allow?: (user: CurrentUser) => boolean;
  forbidden?: { code: string; message: string };
  /** Paths whose server-rendered data the action changes. */
  revalidate?: string[] | ((data: T) => string[]);
  run: (input: z.output<S>, user: CurrentUser) => Promise<T>;
}

/**
 * The one way server actions are written: parse the input with zod, load the user from the
 * session, check permission, run, revalidate. Expected failures (bad input, no session, refused
 * permission, the approval engine's ApprovalError, Knox refusing) come back as a tagged result;
 * anything else is a bug and is thrown.
 */
export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  return async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getSessionUser();
    if (!user) return actionFail('UNAUTHENTICATED', '로그인이 필요합니다. 다시 로그인해 주세요.');
    if (definition.allow && !definition.allow(user)) {
      const refusal = definition.forbidden ?? { code: 'FORBIDDEN', message: '이 작업을 할 권한이 없습니다.' };
      return actionFail(refusal.code, refusal.message);
    }
    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return actionFail('INVALID_INPUT', `입력값을 확인해 주세요. ${where}${issue?.message ?? ''}`.trim());
    }
    let data: T;
    try {
      data = await definition.run(parsed.data, user);
    } catch (error) {
      const expected = toExpectedFailure(error);
      if (!expected) throw error;
      logger().info({ action: definition.name, userId: user.id, code: expected.code }, 'action refused');
      return actionFail(expected.code, expected.message);
    }
    const paths =
      typeof definition.revalidate === 'function'
        ? definition.revalidate(data)
        : (definition.revalidate ?? []);
    for (const path of paths) revalidatePath(path);
    return actionOk(data);
  };
}

function toExpectedFailure(error: unknown): { code: string; message: string } | null {
  if (error instanceof ActionRefusal || error instanceof ApprovalError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof KnoxError) {
    return { code: 'KNOX_ERROR', message: `Knox 호출에 실패했습니다: ${error.message}` };
  }
  return null;
}
