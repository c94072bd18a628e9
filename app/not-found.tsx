import { ButtonLink } from '@/components/ui/button';

export const metadata = { title: '페이지를 찾을 수 없습니다 · 협력업체 포털' };

export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-600">404</p>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">페이지를 찾을 수 없습니다</h1>
        <p className="mt-2 text-sm text-slate-600">주소가 바뀌었거나, 볼 수 있는 권한이 없는 문서입니다.</p>
        <ButtonLink href="/" className="mt-6">
          대시보드로 돌아가기
        </ButtonLink>
      </div>
    </main>
  );
}
