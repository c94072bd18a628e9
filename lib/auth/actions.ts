'use server';
import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/actions/result';
import { actionFail } from '@/lib/actions/result';
import { getAuth } from './auth';
import { signInThrottle } from './sign-in-throttle';

const signInSchema = z.object({
  email: z.email({ message: '이메일 형식이 올바르지 않습니다.' }),
  password: z.string().min(1, { message: '비밀번호를 입력해 주세요.' }),
  next: z.string().optional(),
});

/** Only same-site paths, so a crafted ?next= cannot send people elsewhere. */
function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export async function signInAction(input: z.input<typeof signInSchema>): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return actionFail('INVALID_INPUT', parsed.error.issues[0]?.message ?? '입력값 오류');
  const throttle = signInThrottle();
  const waitMs = throttle.retryAfterMs(parsed.data.email);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    return actionFail(
      'TOO_MANY_ATTEMPTS',
      `로그인 시도가 너무 많습니다. ${minutes}분 뒤에 다시 시도해 주세요.`,
    );
  }
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: await headers(),
    });
  } catch (error) {
    if (error instanceof APIError) {
      throttle.recordFailure(parsed.data.email);
      return actionFail('INVALID_CREDENTIALS', '이메일 또는 비밀번호가 올바르지 않습니다.');
    }
    throw error;
  }
  throttle.recordSuccess(parsed.data.email);
  redirect(safeNext(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
