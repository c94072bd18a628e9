'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import {
  type ApprovalLineRuleEntry,
  LINE_POSITION_KINDS,
  type LinePositionKind,
  RULE_LINE_ROLES,
  type RuleLineRole,
} from '@/db/schema/approval-line-entries';
import { toastActionResult } from '@/lib/actions/toast';
import { saveApprovalLineRuleAction } from '@/lib/approval-lines/actions';
import { lineRoleLabel, POSITION_KIND_LABELS } from '@/lib/approval-lines/labels';

const blankEntry = (): ApprovalLineRuleEntry => ({
  kind: 'manager',
  title: '팀장',
  role: 'approve',
  arbitrary: false,
});

/**
 * One action type's rule: ordered required entries (position, title, role, 전결). The server
 * validates again (at least one 결재, a department for 부서의 직책자, 전결 only on 결재) and
 * records the change in the audit log.
 */
export function ApprovalLineRuleEditor({
  actionType,
  title,
  initial,
}: {
  actionType: string;
  title: string;
  initial: ApprovalLineRuleEntry[];
}) {
  const id = useId();
  const router = useRouter();
  const [entries, setEntries] = useState<ApprovalLineRuleEntry[]>(initial);
  const [pending, startTransition] = useTransition();

  const update = (index: number, change: Partial<ApprovalLineRuleEntry>) =>
    setEntries((current) => current.map((entry, at) => (at === index ? { ...entry, ...change } : entry)));
  const move = (index: number, by: -1 | 1) =>
    setEntries((current) => {
      const next = [...current];
      const [entry] = next.splice(index, 1);
      next.splice(index + by, 0, entry!);
      return next;
    });

  return (
    <form
      aria-label={`${title} 결재선 규칙`}
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await saveApprovalLineRuleAction({ actionType, entries });
          toastActionResult(result, {
            success: (data) =>
              data.changed ? `${title} 결재선 규칙을 저장했습니다.` : '바뀐 내용이 없습니다.',
            failure: '결재선 규칙을 저장하지 못했습니다.',
          });
          router.refresh();
        });
      }}
    >
      <ol className="space-y-2">
        {entries.map((entry, index) => {
          const field = `${id}-${index}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place in the line
            <li key={index} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
              <div className="flex flex-wrap items-end gap-2">
                <span className="pb-2 text-xs font-semibold text-indigo-700">{index + 1}차</span>
                <label className="text-xs text-slate-600" htmlFor={`${field}-kind`}>
                  위치
                  <Select
                    id={`${field}-kind`}
                    value={entry.kind}
                    onChange={(event) => update(index, { kind: event.target.value as LinePositionKind })}
                    aria-label={`${index + 1}차 결재자 위치`}
                  >
                    {LINE_POSITION_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {POSITION_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </Select>
                </label>
                {entry.kind === 'department_title' ? (
                  <label className="text-xs text-slate-600" htmlFor={`${field}-department`}>
                    부서
                    <Input
                      id={`${field}-department`}
                      value={entry.department ?? ''}
                      onChange={(event) => update(index, { department: event.target.value })}
                      className="w-36"
                    />
                  </label>
                ) : null}
                <label className="text-xs text-slate-600" htmlFor={`${field}-title`}>
                  직책
                  <Input
                    id={`${field}-title`}
                    value={entry.title}
                    onChange={(event) => update(index, { title: event.target.value })}
                    className="w-28"
                  />
                </label>
                <label className="text-xs text-slate-600" htmlFor={`${field}-role`}>
                  역할
                  <Select
                    id={`${field}-role`}
                    value={entry.role}
                    onChange={(event) => {
                      const role = event.target.value as RuleLineRole;
                      update(index, { role, ...(role === 'approve' ? {} : { arbitrary: false }) });
                    }}
                    aria-label={`${index + 1}차 역할`}
                  >
                    {RULE_LINE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {lineRoleLabel(role)}
                      </option>
                    ))}
                  </Select>
                </label>
                <label className="flex items-center gap-1.5 pb-2 text-xs text-slate-600">
                  <input
                    type="checkbox"
                    checked={entry.arbitrary}
                    disabled={entry.role !== 'approve'}
                    onChange={(event) => update(index, { arbitrary: event.target.checked })}
                    className="size-3.5 rounded border-slate-300"
                  />
                  전결 가능
                </label>
                <span className="ml-auto flex gap-1 pb-1">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`${index + 1}차 위로`}
                  >
                    ↑
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    disabled={index === entries.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`${index + 1}차 아래로`}
                  >
                    ↓
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => setEntries((current) => current.filter((_, at) => at !== index))}
                    aria-label={`${index + 1}차 빼기`}
                  >
                    빼기
                  </Button>
                </span>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="flex justify-between gap-2">
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() => setEntries((current) => [...current, blankEntry()])}
        >
          단계 추가
        </Button>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? '저장 중…' : '저장'}
        </Button>
      </div>
    </form>
  );
}
