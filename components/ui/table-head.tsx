import type { ReactNode } from 'react';
import { cn } from './cn';

export interface TableColumn {
  label: ReactNode;
  /** Extra classes, e.g. `text-right` or `hidden md:table-cell`. */
  className?: string;
}

/**
 * The header row every list table uses: the outer columns get the card's wider padding. Falsy
 * entries are skipped, so a column shown only to some people is written `seeAll && { … }`.
 */
export function TableHead({ columns }: { columns: Array<TableColumn | false | null | undefined> }) {
  const shown = columns.filter((column): column is TableColumn => Boolean(column));
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
      <tr>
        {shown.map((column, index) => (
          <th
            // Headers never reorder; the position is the identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            scope="col"
            className={cn(
              index === 0 || index === shown.length - 1 ? 'px-5' : 'px-3',
              'py-2.5',
              column.className,
            )}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
