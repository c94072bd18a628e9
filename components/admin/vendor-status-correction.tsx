'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { toastActionResult } from '@/lib/actions/toast';
import { correctVendorStatusAction } from '@/lib/admin/actions';
import type { CORRECTABLE_VENDOR_STATUSES } from '@/lib/admin/vendors';

type CorrectableStatus = (typeof CORRECTABLE_VENDOR_STATUSES)[number];

export function VendorStatusCorrection({
  vendorId,
  current,
  options,
}: {
  vendorId: number;
  current: CorrectableStatus;
  options: Array<{ value: CorrectableStatus; label: string }>;
}) {
  const router = useRouter();
  const [to, setTo] = useState<CorrectableStatus>(
    options.find((option) => option.value !== current)?.value ?? current,
  );
  const [note, setNote] = useState('');
  const [pending, startTransition] = useTransition();

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
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
          onChange={(event) => setTo(event.target.value as CorrectableStatus)}
        >
          {options
            .filter((option) => option.value !== current)
            .map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
        </Select>
      </Field>
      <Field label="정정 사유" htmlFor="correct-note">
        <Input
          id="correct-note"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder="예: PQ 재심사 필요로 상태 되돌림"
          maxLength={500}
        />
      </Field>
      <Button type="submit" variant="secondary" size="sm" disabled={pending || !note.trim()}>
        {pending ? '정정 중…' : '상태 정정'}
      </Button>
    </form>
  );
}
