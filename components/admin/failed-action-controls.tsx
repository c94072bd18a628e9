'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/field';
import { toastActionResult } from '@/lib/actions/toast';
import { resolveFailedActionAction, retryFailedActionAction } from '@/lib/admin/actions';
import { withParticle } from '@/lib/text/particle';

function Dialog({
  dialogRef,
  title,
  children,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  title: string;
  children: React.ReactNode;
}) {
  const titleId = `${title.replace(/\s+/g, '-')}-title`;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className="m-auto w-full max-w-md rounded-xl p-0 text-left shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

export function FailedActionControls({ id, label }: { id: number; label: string }) {
  const router = useRouter();
  const retryDialog = useRef<HTMLDialogElement>(null);
  const resolveDialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [pending, startTransition] = useTransition();

  const retry = () =>
    startTransition(async () => {
      const result = await retryFailedActionAction({ pendingActionId: id });
      toastActionResult(result, {
        success: `작업 #${withParticle(id, '을/를')} 다시 실행했습니다.`,
        failure: '재실행에 실패했습니다.',
      });
      retryDialog.current?.close();
      router.refresh();
    });
  const resolve = () =>
    startTransition(async () => {
      const result = await resolveFailedActionAction({ pendingActionId: id, note });
      const done = toastActionResult(result, {
        success: `작업 #${withParticle(id, '을/를')} 처리 완료로 표시했습니다.`,
        failure: '처리 완료 표시에 실패했습니다.',
      });
      if (done) resolveDialog.current?.close();
      router.refresh();
    });

  return (
    <div className="flex justify-end gap-2">
      <Button size="sm" onClick={() => retryDialog.current?.showModal()} aria-label={`작업 #${id} 재실행`}>
        재실행
      </Button>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => resolveDialog.current?.showModal()}
        aria-label={`작업 #${id} 처리 완료`}
      >
        처리 완료
      </Button>
      <Dialog dialogRef={retryDialog} title="작업을 다시 실행할까요?">
        <p className="text-sm text-slate-600">
          <strong className="text-slate-900">{label}</strong> (작업 #{id})의 핸들러를 다시 실행합니다.
          성공하면 한 번만 반영되고, 다시 실패하면 오류가 기록됩니다.
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => retryDialog.current?.close()}>
            닫기
          </Button>
          <Button onClick={retry} disabled={pending}>
            {pending ? '실행 중…' : '재실행'}
          </Button>
        </div>
      </Dialog>
      <Dialog dialogRef={resolveDialog} title="처리 완료로 표시">
        <p className="text-sm text-slate-600">
          시스템 밖에서 해결한 경우, 무엇을 했는지 메모를 남기고 종결합니다.
        </p>
        <div>
          <label htmlFor={`resolve-note-${id}`} className="text-sm font-medium text-slate-800">
            처리 메모
          </label>
          <Textarea
            id={`resolve-note-${id}`}
            rows={3}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            className="mt-1.5"
            placeholder="예: ERP에 수기로 업체코드 등록 완료"
          />
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => resolveDialog.current?.close()}>
            닫기
          </Button>
          <Button onClick={resolve} disabled={pending || !note.trim()}>
            {pending ? '저장 중…' : '처리 완료'}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
