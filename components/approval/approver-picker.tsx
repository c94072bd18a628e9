'use client';
import { useEffect, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Notice } from '@/components/ui/card';
import { Input } from '@/components/ui/field';
import type { FormLine, RequiredLineView } from '@/lib/approval-lines/form-line';
import { lineRoleLabel } from '@/lib/approval-lines/labels';
import { searchApproversAction } from '@/lib/vendor/actions';
import { ADDED_ROLES, type AddedApprover, lineRows } from './line-rows';

export { type AddedApprover, toApproverInput } from './line-rows';

import type { ApproverCandidate } from '@/lib/vendor/queries';

function RequiredRow({ entry, index }: { entry: RequiredLineView; index: number }) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200">
      <span className="text-xs font-semibold text-indigo-700">{index + 1}차</span>
      <Badge tone="neutral">{lineRoleLabel(entry.role)}</Badge>
      <span className="font-medium text-slate-900">{entry.name}</span>
      <span className="text-slate-600">{entry.title ?? ''}</span>
      <span className="text-xs text-slate-500">
        {entry.department ?? ''} · {entry.epId} · {entry.position}
      </span>
      {entry.arbitrary ? <Badge tone="info">전결 가능</Badge> : null}
      <span className="ml-auto text-xs text-slate-500">필수</span>
    </li>
  );
}

/**
 * The approval line: the rule's required entries (read-only, from the directory) and the 합의 /
 * 통보 entries the requester adds by searching people with a Knox EP ID. The server checks it again.
 */
export function ApproverPicker({
  line,
  value,
  onChange,
  disabled,
  error,
}: {
  line: FormLine;
  value: AddedApprover[];
  onChange: (next: AddedApprover[]) => void;
  disabled?: boolean;
  error?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ApproverCandidate[]>([]);
  const [searching, setSearching] = useState(false);
  const blocked = disabled || !line.ok;

  useEffect(() => {
    if (blocked) return;
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
  }, [query, blocked]);

  const required = line.ok ? line.entries : [];
  const onLine = new Set([...required, ...value].map((person) => person.epId));
  const available = results.filter((person) => !onLine.has(person.epId));

  return (
    <fieldset disabled={blocked} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="block text-sm font-medium text-slate-800">결재선</legend>
      <p className="mt-0.5 text-xs text-slate-500">
        결재선 규칙에 따라 정해진 결재자입니다. 합의·통보할 사람을 더할 수 있습니다.
      </p>
      {line.ok ? (
        <ol className="mt-2 space-y-1.5" aria-label="결재선">
          {lineRows(line, value).map((row, index) =>
            row.kind === 'required' ? (
              <RequiredRow key={row.entry.epId} entry={row.entry} index={index} />
            ) : (
              <li
                key={row.entry.epId}
                className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-indigo-50 px-3 py-2 text-sm ring-1 ring-indigo-100"
              >
                <span className="text-xs font-semibold text-indigo-700">{index + 1}차</span>
                <Badge tone="neutral">{lineRoleLabel(row.entry.role)}</Badge>
                <span className="font-medium text-slate-900">{row.entry.name}</span>
                <span className="text-slate-600">{row.entry.title ?? ''}</span>
                <span className="text-xs text-slate-500">
                  {row.entry.department ?? ''} · {row.entry.epId}
                </span>
                <button
                  type="button"
                  onClick={() => onChange(value.filter((other) => other.epId !== row.entry.epId))}
                  className="ml-auto rounded px-2 py-0.5 text-xs text-slate-600 hover:bg-white hover:text-rose-700"
                  aria-label={`${row.entry.name} 결재선에서 빼기`}
                >
                  빼기
                </button>
              </li>
            ),
          )}
        </ol>
      ) : (
        <div className="mt-2">
          <Notice tone="danger" title="결재선을 정할 수 없습니다">
            {line.message}
          </Notice>
        </div>
      )}
      {!blocked ? (
        <>
          <div className="mt-3">
            <label htmlFor={`${id}-search`} className="sr-only">
              합의·통보할 사람 검색
            </label>
            <Input
              id={`${id}-search`}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="합의·통보할 사람: 이름, 부서, 이메일, EP ID로 검색"
              autoComplete="off"
            />
          </div>
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
                <li
                  key={person.epId}
                  className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2 text-sm last:border-b-0"
                >
                  <span>
                    <span className="font-medium text-slate-900">{person.name}</span>
                    <span className="text-slate-600"> {person.title ?? ''}</span>
                    <span className="ml-2 text-xs text-slate-500">
                      {person.department ?? ''} · {person.epId}
                    </span>
                  </span>
                  <span className="flex shrink-0 gap-1">
                    {ADDED_ROLES.map((role) => (
                      <button
                        key={role}
                        type="button"
                        onClick={() => {
                          onChange([...value, { ...person, role }]);
                          setQuery('');
                        }}
                        className="rounded px-2 py-0.5 text-xs text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
                        aria-label={`${person.name} ${lineRoleLabel(role)} 추가`}
                      >
                        {lineRoleLabel(role)} 추가
                      </button>
                    ))}
                  </span>
                </li>
              ))
            )}
          </ul>
        </>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-rose-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
