'use client';
import { useState } from 'react';
import { type AddedApprover, ApproverPicker, toApproverInput } from '@/components/approval/approver-picker';
import { useSubmitApproval } from '@/components/approval/use-submit-approval';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import type { FormLine } from '@/lib/approval-lines/form-line';
import { requestRegularRegistrationAction } from '@/lib/vendor-registration/actions';
import type { RegistrationPrefill } from '@/lib/vendor-registration/re-request';

export function RegistrationForm({
  vendorId,
  line,
  disabled,
  initial,
  replaces,
}: {
  vendorId: number;
  /** The rule's line for the signed-in requester (or why there is none). */
  line: FormLine;
  disabled: boolean;
  /** 다시 요청: the earlier request's input. */
  initial?: RegistrationPrefill | null;
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

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      vendorId,
      reason: String(form.get('reason') ?? '').trim(),
      items: String(form.get('items') ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      approvers: toApproverInput(line, approvers),
      ...(replaces ? { replaces } : {}),
    };
    const found: Record<string, string> = {};
    if (!values.reason) found.reason = '등록 사유를 입력하세요.';
    if (values.items.length > 50) found.items = '거래 품목은 50개까지 적을 수 있습니다.';
    if (!line.ok) found.approvers = line.message;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    submit(() => requestRegularRegistrationAction(values));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <fieldset disabled={disabled || pending} className="space-y-5">
        <Field label="등록 사유" htmlFor="reason" required error={errors.reason}>
          <Textarea
            id="reason"
            name="reason"
            rows={4}
            maxLength={2000}
            aria-invalid={!!errors.reason}
            defaultValue={initial?.reason}
            placeholder="예: PQ 심사 91점으로 승인, 2027년 원소재 공급선 다변화"
          />
        </Field>
        <Field label="거래 예정 품목" htmlFor="items" hint="한 줄에 하나씩 적습니다." error={errors.items}>
          <Textarea
            id="items"
            name="items"
            rows={3}
            defaultValue={initial?.items.join('\n')}
            placeholder={'알루미늄 압출재\n동 합금 판재'}
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
