'use client';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/result';
import type { SubmittedApproval } from '@/lib/actions/submission';
import { toastActionResult } from '@/lib/actions/toast';

/** Runs a submit action; on success one toast with the document id and off to the approval log. */
export function useSubmitApproval() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const submit = (run: () => Promise<ActionResult<SubmittedApproval>>) =>
    startTransition(async () => {
      const result = await run();
      const data = toastActionResult(result, {
        success: (approval) =>
          `결재가 상신되었습니다. (ID: ${approval.apInfId})${approval.warnings.length ? ` — ${approval.warnings.join(' ')}` : ''}`,
        failure: '결재 상신에 실패했습니다.',
      });
      if (data) router.push('/approval/log');
    });
  return { submit, pending };
}
