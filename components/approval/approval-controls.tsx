'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/field';
import { toastActionResult } from '@/lib/actions/toast';
import { refreshApprovalAction, withdrawApprovalAction } from '@/lib/approval-log/actions';

export function RefreshButton({ apInfId }: { apInfId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await refreshApprovalAction({ apInfId });
          toastActionResult(result, {
            success: 'Knox 결재 상태를 확인했습니다.',
            failure: '상태 확인에 실패했습니다.',
          });
          router.refresh();
        })
      }
    >
      {pending ? '확인 중…' : '새로고침'}
    </Button>
  );
}

export function WithdrawButton({ apInfId }: { apInfId: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opinion, setOpinion] = useState('');
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>
        상신취소
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="withdraw-title"
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          method="dialog"
          className="space-y-4 p-6"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              const result = await withdrawApprovalAction({ apInfId, opinion });
              const done = toastActionResult(result, {
                success: '상신취소되었습니다.',
                failure: '상신취소에 실패했습니다.',
              });
              if (done) dialog.current?.close();
              router.refresh();
            });
          }}
        >
          <h2 id="withdraw-title" className="text-lg font-semibold text-slate-900">
            결재를 상신취소할까요?
          </h2>
          <p className="text-sm text-slate-600">
            Knox에서 문서를 회수하고, 요청했던 작업은 실행되지 않습니다.
          </p>
          <div>
            <label htmlFor="withdraw-opinion" className="text-sm font-medium text-slate-800">
              취소 사유
            </label>
            <Textarea
              id="withdraw-opinion"
              rows={3}
              value={opinion}
              onChange={(event) => setOpinion(event.target.value)}
              className="mt-1.5"
              placeholder="예: 요청 내용 수정 후 다시 상신"
            />
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              닫기
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? '취소 중…' : '상신취소'}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
