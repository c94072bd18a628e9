'use client';
import { Button } from './button';

/** The plain Korean "could not load, try again" a route error boundary shows instead of a stack. */
export function ErrorNotice({
  error,
  reset,
  className = '',
}: {
  error: Error & { digest?: string };
  reset: () => void;
  className?: string;
}) {
  return (
    <div className={`rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200 ${className}`}>
      <h1 className="text-lg font-semibold text-slate-900">화면을 불러오지 못했습니다</h1>
      <p className="mt-2 text-sm text-slate-600">
        잠시 후 다시 시도해 주세요. 계속되면 관리자에게 알려 주세요.
        {error.digest ? (
          <span className="mt-1 block font-mono text-xs text-slate-400">오류 코드 {error.digest}</span>
        ) : null}
      </p>
      <Button className="mt-5" onClick={reset}>
        다시 시도
      </Button>
    </div>
  );
}
