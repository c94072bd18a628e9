import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/shell/sign-in-form';
import { DEFAULT_NEXT_PATH, resolveNextPath } from '@/lib/auth/next-path';
import { getSessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: '로그인 · 협력업체 포털' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next: raw } = await searchParams;
  // Only a path that stays on the portal is carried on; the action checks it again.
  const next = resolveNextPath(raw, env().APP_URL);
  if (await getSessionUser()) redirect(next);
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-br from-slate-50 via-white to-indigo-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span
            aria-hidden="true"
            className="mx-auto grid size-12 place-items-center rounded-xl bg-indigo-600 text-lg font-bold text-white shadow"
          >
            협
          </span>
          <h1 className="mt-4 text-2xl font-bold tracking-tight text-slate-900">협력업체 포털</h1>
          <p className="mt-1 text-sm text-slate-600">실사의뢰·정규업체 등록을 Knox 결재로 처리합니다</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <SignInForm next={next === DEFAULT_NEXT_PATH ? undefined : next} />
        </div>
        {env().SEED_DEMO ? (
          <p className="mt-6 text-center text-xs text-slate-500">
            데모 계정: kim.employee@example.com 등 · 비밀번호 demo1234! (README 참고)
          </p>
        ) : null}
      </div>
    </main>
  );
}
