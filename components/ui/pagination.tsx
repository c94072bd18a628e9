import Link from 'next/link';
import { cn } from './cn';

/** Previous/next links that keep the other query parameters. */
export function Pagination({
  page,
  pageCount,
  total,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const link = (target: number, label: string, disabled: boolean) =>
    disabled ? (
      <span
        className="rounded-md px-3 py-1.5 text-sm text-slate-400 ring-1 ring-slate-200"
        aria-disabled="true"
      >
        {label}
      </span>
    ) : (
      <Link
        href={hrefFor(target)}
        className={cn(
          'rounded-md bg-white px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50',
        )}
      >
        {label}
      </Link>
    );
  return (
    <nav
      aria-label="페이지"
      className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3"
    >
      <p className="text-sm text-slate-600">
        총 <span className="font-semibold tabular-nums">{total}</span>건 · {page}/{pageCount} 페이지
      </p>
      <div className="flex gap-2">
        {link(page - 1, '이전', page <= 1)}
        {link(page + 1, '다음', page >= pageCount)}
      </div>
    </nav>
  );
}
