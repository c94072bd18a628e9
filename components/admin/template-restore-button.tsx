'use client';
import { useRouter } from 'next/navigation';
import { useRef, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { toastActionResult } from '@/lib/actions/toast';
import { restoreTemplateVersionAction } from '@/lib/admin/actions';
import { withParticle } from '@/lib/text/particle';

/** 복원 with a confirmation: the old content comes back as the next version, nothing is overwritten. */
export function TemplateRestoreButton({
  templateId,
  version,
  currentVersion,
}: {
  templateId: number;
  version: number;
  currentVersion: number;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const nextVersion = currentVersion + 1;

  const restore = () =>
    startTransition(async () => {
      const result = await restoreTemplateVersionAction({ templateId, version, baseVersion: currentVersion });
      const done = toastActionResult(result, {
        success: (data) =>
          `버전 ${version} 내용을 버전 ${withParticle(data.version, '으로/로')} 복원했습니다.`,
        failure: '복원하지 못했습니다.',
      });
      dialog.current?.close();
      if (done) router.push(`/admin/templates/${templateId}`);
      else router.refresh();
    });

  return (
    <>
      <Button onClick={() => dialog.current?.showModal()}>이 버전으로 복원</Button>
      <dialog
        ref={dialog}
        aria-labelledby="restore-title"
        className="m-auto w-full max-w-md rounded-xl p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 p-6">
          <h2 id="restore-title" className="text-lg font-semibold text-slate-900">
            버전 {withParticle(version, '을/를')} 복원할까요?
          </h2>
          <p className="text-sm text-slate-600">
            버전 {version}의 내용이 새 버전 {withParticle(nextVersion, '으로/로')} 저장됩니다. 지금까지의
            버전은 그대로 남습니다.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              닫기
            </Button>
            <Button onClick={restore} disabled={pending}>
              {pending ? '복원 중…' : '복원'}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
