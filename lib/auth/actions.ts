'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/actions/result';
import { actionFail } from '@/lib/actions/result';
import { env } from '@/lib/env';
import { getAuth } from './auth';
import { resolveNextPath } from './next-path';
import { signInWithPassword } from './sign-in';

const signInSchema = z.object({
  email: z.email({ message: '이메일 형식이 올바르지 않습니다.' }).max(254),
  password: z.string().min(1, { message: '비밀번호를 입력해 주세요.' }).max(1024),
  next: z.string().max(4096).optional(),
});

export async function signInAction(input: z.input<typeof signInSchema>): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return actionFail('INVALID_INPUT', parsed.error.issues[0]?.message ?? '입력값 오류');
  const { email, password, next } = parsed.data;
  const outcome = await signInWithPassword(await getAuth(), { email, password }, await headers());
  if (!outcome.ok) return actionFail(outcome.code, outcome.message);
  redirect(resolveNextPath(next, env().APP_URL));
}

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
