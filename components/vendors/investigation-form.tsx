'use client';
import { useState } from 'react';
import { type AddedApprover, ApproverPicker, toApproverInput } from '@/components/approval/approver-picker';
import { useSubmitApproval } from '@/components/approval/use-submit-approval';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Input, Select, Textarea } from '@/components/ui/field';
import type { FormLine } from '@/lib/approval-lines/form-line';
import { kstDate } from '@/lib/time/kst';
import type { AssignableUser } from '@/lib/vendor/queries';
import {
  requestPqInvestigationAction,
  reRequestPqInvestigationAction,
} from '@/lib/vendor-investigation/actions';
import type { InvestigationPrefill } from '@/lib/vendor-investigation/re-request';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function InvestigationForm({
  kind,
  vendorId,
  pqSubmissionId,
  defaultSite,
  assignees,
  line,
  disabled,
  initial,
  replaces,
}: {
  kind: 'request' | 'rerequest';
  vendorId: number;
  pqSubmissionId: number;
  defaultSite: string;
  assignees: AssignableUser[];
  /** The rule's line for the signed-in requester (or why there is none). */
  line: FormLine;
  disabled: boolean;
  /** 다시 요청: the earlier request's input. */
  initial?: InvestigationPrefill | null;
  /** 다시 요청: the ended approval the new one replaces (the server checks it). */
  replaces?: string | null;
}) {
  const [approvers, setApprovers] = useState<AddedApprover[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { submit, pending } = useSubmitApproval();
  const chooseApprovers = (next: AddedApprover[]) => {
    setApprovers(next);
    setErrors(({ approvers: _fixed, ...rest }) => rest);
  };
  const reasonLabel = kind === 'rerequest' ? '재의뢰 사유' : '의뢰 사유';

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      pqSubmissionId,
      requestedStartDate: String(form.get('requestedStartDate') ?? ''),
      requestedEndDate: String(form.get('requestedEndDate') ?? ''),
      siteAddress: String(form.get('siteAddress') ?? '').trim() || undefined,
      qmAssigneeId: String(form.get('qmAssigneeId') ?? ''),
      reason: String(form.get('reason') ?? '').trim(),
      approvers: toApproverInput(line, approvers),
      ...(replaces ? { replaces } : {}),
    };
    const found: Record<string, string> = {};
    if (!DATE.test(values.requestedStartDate)) found.requestedStartDate = '실사 시작 희망일을 입력하세요.';
    else if (values.requestedStartDate < kstDate())
      found.requestedStartDate = '실사 시작 희망일은 오늘 이후여야 합니다.';
    if (!DATE.test(values.requestedEndDate)) found.requestedEndDate = '실사 종료 희망일을 입력하세요.';
    else if (values.requestedStartDate && values.requestedEndDate < values.requestedStartDate)
      found.requestedEndDate = '종료 희망일은 시작 희망일 이후여야 합니다.';
    if (!values.qmAssigneeId) found.qmAssigneeId = 'QM 담당자를 지정하세요.';
    if (!values.reason) found.reason = `${reasonLabel}를 입력하세요.`;
    if (!line.ok) found.approvers = line.message;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    submit(() =>
      kind === 'rerequest' ? reRequestPqInvestigationAction(values) : requestPqInvestigationAction(values),
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <fieldset disabled={disabled || pending} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="실사 시작 희망일"
            htmlFor="requestedStartDate"
            required
            error={errors.requestedStartDate}
          >
            <Input
              id="requestedStartDate"
              name="requestedStartDate"
              type="date"
              required
              defaultValue={initial?.requestedStartDate}
              aria-invalid={!!errors.requestedStartDate}
            />
          </Field>
          <Field label="실사 종료 희망일" htmlFor="requestedEndDate" required error={errors.requestedEndDate}>
            <Input
              id="requestedEndDate"
              name="requestedEndDate"
              type="date"
              required
              defaultValue={initial?.requestedEndDate}
              aria-invalid={!!errors.requestedEndDate}
            />
          </Field>
        </div>
        <Field label="실사 장소" htmlFor="siteAddress" hint="비워 두면 업체 주소로 의뢰합니다.">
          <Input
            id="siteAddress"
            name="siteAddress"
            placeholder={defaultSite}
            defaultValue={initial?.siteAddress}
            maxLength={300}
          />
        </Field>
        <Field label="QM 담당자" htmlFor="qmAssigneeId" required error={errors.qmAssigneeId}>
          <Select
            id="qmAssigneeId"
            name="qmAssigneeId"
            defaultValue={initial?.qmAssigneeId ?? ''}
            aria-invalid={!!errors.qmAssigneeId}
          >
            <option value="" disabled>
              선택하세요
            </option>
            {assignees.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} {person.title ?? ''} · {person.department ?? '부서 없음'}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={reasonLabel} htmlFor="reason" required error={errors.reason}>
          <Textarea
            id="reason"
            name="reason"
            rows={4}
            maxLength={2000}
            defaultValue={initial?.reason}
            aria-invalid={!!errors.reason}
          />
        </Field>
      </fieldset>
      <ApproverPicker
        line={line}
        value={approvers}
        onChange={chooseApprovers}
        disabled={disabled || pending}
        error={errors.approvers}
      />
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <ButtonLink href={`/vendors/${vendorId}`} variant="secondary">
          취소
        </ButtonLink>
        <Button type="submit" disabled={disabled || pending || !line.ok}>
          {pending ? '상신 중…' : '결재 상신'}
        </Button>
      </div>
    </form>
  );
}
