import type { ReactNode } from 'react';
import { Button } from './button';
import { cn } from './cn';

/**
 * The GET form above a list: its fields, then 조회. The filter lives in the URL, so the list can
 * be linked, reloaded and paged with it.
 */
export function FilterBar({
  label,
  action,
  children,
}: {
  label: string;
  action: string;
  children: ReactNode;
}) {
  return (
    <form
      aria-label={label}
      action={action}
      className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-5 py-4"
    >
      {children}
      <Button type="submit" variant="secondary">
        조회
      </Button>
    </form>
  );
}

/** One labelled field of a FilterBar; `className` sets its width (e.g. `w-44`, `min-w-48 flex-1`). */
export function FilterField({
  label,
  htmlFor,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn(className)}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The link to another page of a filtered list: the filters that are set, and `page` past the first. */
export function pageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
