'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { toastActionResult } from '@/lib/actions/toast';
import { correctVendorStatusAction } from '@/lib/admin/actions';
import type { CorrectableVendorStatus } from '@/lib/admin/vendor-correction-rules';

export interface CorrectionOption {
  value: CorrectableVendorStatus;
  label: string;
  /** Why the vendor's records do not support this state; null when they do. */
  refusal: string | null;
}

/**
 * The admin's status correction. States the vendor's records do not support are listed but
 * disabled, with the reason; the server checks the same rule again and refuses with it.
 */
export function VendorStatusCorrection({
  vendorId,
  current,
  options,
}: {
  vendorId: number;
  current: CorrectableVendorStatus;
  options: CorrectionOption[];
}) {
  const router = useRouter();
  const allowed = options.filter((option) => option.refusal === null);
  const [to, setTo] = useState<CorrectableVendorStatus | ''>(allowed[0]?.value ?? '');
  const [note, setNote] = useState('');
  const [pending, startTransition] = useTransition();
  const refused = options.filter((option) => option.refusal !== null);

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!to) return;
        startTransition(async () => {
          const result = await correctVendorStatusAction({ vendorId, from: current, to, note });
          const done = toastActionResult(result, {
            success: '업체 상태를 정정했습니다.',
            failure: '상태 정정에 실패했습니다.',
          });
          if (done) setNote('');
          router.refresh();
        });
      }}
    >
      <Field label="정정할 상태" htmlFor="correct-to">
        <Select
          id="correct-to"
          value={to}
          onChange={(event) => setTo(event.target.value as CorrectableVendorStatus)}
          disabled={allowed.length === 0}
        >
          {allowed.length === 0 ? <option value="">정정할 수 있는 상태가 없습니다</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.refusal !== null}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      {refused.length > 0 ? (
        <ul className="space-y-0.5 text-xs text-slate-500" data-testid="correction-refusals">
          {refused.map((option) => (
            <li key={option.value}>
              {option.label}: {option.refusal}
            </li>
          ))}
        </ul>
      ) : null}
      <Field label="정정 사유" htmlFor="correct-note">
        <Input
          id="correct-note"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder="예: PQ 재심사 필요로 상태 되돌림"
          maxLength={500}
        />
      </Field>
      <Button type="submit" variant="secondary" size="sm" disabled={pending || !to || !note.trim()}>
        {pending ? '정정 중…' : '상태 정정'}
      </Button>
    </form>
  );
}
