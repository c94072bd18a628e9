'use client';
import { useEffect, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/field';
import { searchApproversAction } from '@/lib/vendor/actions';
import type { ApproverCandidate } from '@/lib/vendor/queries';

/** One person on the approval line; `arbitrary` lets them decide alone (전결, Knox arbPmtYn). */
export interface ChosenApprover extends ApproverCandidate {
  arbitrary?: boolean;
}

/** The shape the domain functions take: a bare EP ID, or the EP ID with 전결 allowed. */
export const toApproverInput = (people: ChosenApprover[]) =>
  people.map((person) => (person.arbitrary ? { epId: person.epId, arbitrary: true } : person.epId));

/**
 * Picks the approval line in order. Searches people with a Knox EP ID as the user types; the
 * chosen EP IDs go to the server action, which checks them again.
 */
export function ApproverPicker({
  value,
  onChange,
  disabled,
  error,
}: {
  value: ChosenApprover[];
  onChange: (next: ChosenApprover[]) => void;
  disabled?: boolean;
  error?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ApproverCandidate[]>([]);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    if (disabled) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setSearching(true);
      const result = await searchApproversAction({ query });
      if (!cancelled) {
        setResults(result.ok ? result.data : []);
        setSearching(false);
      }
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, disabled]);

  const chosen = new Set(value.map((person) => person.epId));
  const available = results.filter((person) => !chosen.has(person.epId));

  return (
    <fieldset disabled={disabled} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="block text-sm font-medium text-slate-800">
        결재선
        <span className="ml-0.5 text-rose-600" aria-hidden="true">
          *
        </span>
      </legend>
      <p className="mt-0.5 text-xs text-slate-500">
        Knox EP ID가 있는 사람만 검색됩니다. 선택한 순서대로 결재합니다.
      </p>
      {value.length > 0 ? (
        <ol className="mt-2 space-y-1.5" aria-label="선택한 결재자">
          {value.map((person, index) => (
            <li
              key={person.epId}
              className="flex items-center justify-between gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm ring-1 ring-indigo-100"
            >
              <span className="min-w-0">
                <span className="mr-2 text-xs font-semibold text-indigo-700">{index + 1}차</span>
                <span className="font-medium text-slate-900">{person.name}</span>
                <span className="text-slate-600"> {person.title ?? ''}</span>
                <span className="ml-2 text-xs text-slate-500">
                  {person.department ?? ''} · {person.epId}
                </span>
              </span>
              <label className="ml-auto flex shrink-0 items-center gap-1.5 text-xs text-slate-600">
                <input
                  type="checkbox"
                  checked={Boolean(person.arbitrary)}
                  onChange={(event) =>
                    onChange(
                      value.map((other) =>
                        other.epId === person.epId ? { ...other, arbitrary: event.target.checked } : other,
                      ),
                    )
                  }
                  className="size-3.5 rounded border-slate-300"
                  aria-label={`${person.name} 전결 허용`}
                />
                전결 허용
              </label>
              <button
                type="button"
                onClick={() => onChange(value.filter((other) => other.epId !== person.epId))}
                className="rounded px-2 py-0.5 text-xs text-slate-600 hover:bg-white hover:text-rose-700"
                aria-label={`${person.name} 결재선에서 빼기`}
              >
                빼기
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="mt-2">
        <label htmlFor={`${id}-search`} className="sr-only">
          결재자 검색
        </label>
        <Input
          id={`${id}-search`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="이름, 부서, 이메일, EP ID로 검색"
          autoComplete="off"
        />
      </div>
      {!disabled ? (
        <ul
          className="mt-1.5 max-h-56 overflow-y-auto rounded-md ring-1 ring-slate-200"
          aria-label="결재자 검색 결과"
        >
          {available.length === 0 ? (
            <li className="px-3 py-2 text-xs text-slate-500">
              {searching ? '검색 중…' : '검색 결과가 없습니다.'}
            </li>
          ) : (
            available.map((person) => (
              <li key={person.epId} className="border-b border-slate-100 last:border-b-0">
                <button
                  type="button"
                  onClick={() => {
                    onChange([...value, person]);
                    setQuery('');
                  }}
                  className="flex w-full items-center justify-between gap-2 px-3 py-2 text-left text-sm hover:bg-slate-50"
                >
                  <span>
                    <span className="font-medium text-slate-900">{person.name}</span>
                    <span className="text-slate-600"> {person.title ?? ''}</span>
                    <span className="ml-2 text-xs text-slate-500">{person.department ?? ''}</span>
                  </span>
                  <Badge tone="neutral">{person.epId}</Badge>
                  {/* Spoken after what is seen, so the button's name contains its visible text. */}
                  <span className="sr-only">결재선에 추가</span>
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-rose-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
