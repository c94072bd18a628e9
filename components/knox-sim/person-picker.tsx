'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { rememberActingAs } from '@/lib/knox-simulator/actions';

export interface PickerPerson {
  epId: string;
  name: string;
  departmentName: string;
  titleName: string;
}

/** Whom the inbox acts as: the simulator stands in for Knox's own sign-in. */
export function PersonPicker({ people, current }: { people: PickerPerson[]; current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-slate-200">
      <span className="hidden sm:inline">사용자</span>
      <select
        aria-label="결재자 선택 (EP ID)"
        className="w-36 min-w-0 rounded-md border border-white/20 bg-white/10 px-2.5 py-1.5 text-sm sm:w-auto text-white outline-none focus:ring-2 focus:ring-sky-300 disabled:opacity-60 [&>option]:text-slate-900"
        value={current}
        disabled={pending}
        onChange={(event) => {
          const epId = event.target.value;
          startTransition(async () => {
            const remembered = await rememberActingAs(epId);
            if (!remembered.ok) toast.error(remembered.error.message);
            router.push(`${pathname}?as=${encodeURIComponent(epId)}`);
          });
        }}
      >
        {people.map((person) => (
          <option key={person.epId} value={person.epId}>
            {person.name} {person.titleName} · {person.departmentName} ({person.epId})
          </option>
        ))}
      </select>
    </label>
  );
}
