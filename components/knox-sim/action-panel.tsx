'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { toastActionResult } from '@/lib/actions/toast';
import { actOnKnoxSimDocument } from '@/lib/knox-simulator/actions';

type Action = 'approve' | 'reject' | 'arbitrary' | 'hold' | 'cancel';

const LABELS: Record<Action, { button: string; done: string; failure: string }> = {
  approve: { button: '승인', done: '승인했습니다.', failure: '승인하지 못했습니다.' },
  reject: { button: '반려', done: '반려했습니다.', failure: '반려하지 못했습니다.' },
  arbitrary: { button: '전결', done: '전결 처리했습니다.', failure: '전결하지 못했습니다.' },
  hold: { button: '보류', done: '보류했습니다.', failure: '보류하지 못했습니다.' },
  cancel: { button: '상신취소', done: '상신을 취소했습니다.', failure: '상신취소하지 못했습니다.' },
};

export interface ActionPanelProps {
  apInfId: string;
  epId: string;
  allowed: Record<Action, boolean>;
  onHold: boolean;
}

/** The acting person's decision on the open document, with an opinion. */
export function ActionPanel({ apInfId, epId, allowed, onHold }: ActionPanelProps) {
  const router = useRouter();
  const [opinion, setOpinion] = useState('');
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<Action | null>(null);
  const fieldId = useId();
  const decide: Action[] = (['approve', 'arbitrary', 'reject', 'hold'] as const).filter((a) => allowed[a]);
  if (decide.length === 0 && !allowed.cancel) return null;

  const run = (action: Action) => {
    if (action === 'reject' && !opinion.trim()) {
      toast.error('반려 사유를 의견에 입력해 주세요.');
      document.getElementById(fieldId)?.focus();
      return;
    }
    setRunning(action);
    startTransition(async () => {
      const result = await actOnKnoxSimDocument({ apInfId, epId, action, opinion });
      const data = toastActionResult(result, {
        success: (done) => `${LABELS[action].done} 문서 상태: ${done.statusLabel}`,
        failure: LABELS[action].failure,
      });
      if (data) setOpinion('');
      setRunning(null);
      router.refresh();
    });
  };

  return (
    <section className="rounded-lg border border-sky-200 bg-sky-50/60 p-4" aria-label="결재 처리">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-800">
          {decide.length > 0
            ? onHold
              ? '보류 중인 문서입니다 — 결재를 이어서 처리하세요'
              : '결재 처리'
            : '기안자 메뉴'}
        </h2>
        {allowed.arbitrary && <span className="text-xs text-violet-700">전결 권한이 있습니다</span>}
      </div>
      <label htmlFor={fieldId} className="mt-3 block text-xs font-medium text-slate-600">
        의견 {allowed.cancel && decide.length === 0 ? '(상신취소 사유)' : '(반려 시 사유를 남겨 주세요)'}
      </label>
      <textarea
        id={fieldId}
        name="opinion"
        value={opinion}
        onChange={(event) => setOpinion(event.target.value)}
        rows={3}
        maxLength={4000}
        placeholder="의견을 입력하세요"
        className="mt-1 w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-200"
      />
      <div className="mt-3 flex flex-wrap gap-2">
        {decide.map((action) => (
          <Button
            key={action}
            variant={action === 'approve' ? 'primary' : action === 'reject' ? 'danger' : 'secondary'}
            className={action === 'arbitrary' ? 'ring-violet-400 text-violet-800' : undefined}
            disabled={pending}
            onClick={() => run(action)}
          >
            {running === action ? '처리 중…' : LABELS[action].button}
          </Button>
        ))}
        {allowed.cancel && (
          <Button variant="secondary" className="ml-auto" disabled={pending} onClick={() => run('cancel')}>
            {running === 'cancel' ? '처리 중…' : LABELS.cancel.button}
          </Button>
        )}
      </div>
    </section>
  );
}
