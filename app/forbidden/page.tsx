import { ButtonLink } from '@/components/ui/button';

export const metadata = { title: '접근 권한 없음 · 협력업체 포털' };

export default function ForbiddenPage() {
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-600">403</p>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">접근 권한이 없습니다</h1>
        <p className="mt-2 text-sm text-slate-600">이 페이지는 관리자만 볼 수 있습니다.</p>
        <ButtonLink href="/" className="mt-6">
          대시보드로 돌아가기
        </ButtonLink>
      </div>
    </main>
  );
}
