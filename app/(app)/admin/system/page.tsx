import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, DescriptionList, PageHeader } from '@/components/ui/card';
import { formatDateTimeSeconds } from '@/components/ui/format';
import { PENDING_ACTION_STATUSES } from '@/db/schema';
import { loadSystemStatus } from '@/lib/admin/page-data';
import { ACTION_STATUS_LABELS, POLL_SUMMARY_LABELS } from '@/lib/approval/labels';
import { actionTitle } from '@/lib/approval/registry';
import type { Tone } from '@/lib/tone';

export const metadata = { title: '시스템 상태 · 협력업체 포털' };

const RISK_TONES: Record<string, Tone> = {
  LOW: 'success',
  MEDIUM: 'info',
  HIGH: 'warning',
  CRITICAL: 'danger',
};

export default async function SystemPage() {
  const { knox, poller, handlers, database, counts } = await loadSystemStatus();
  const summary = poller.lastSummary ?? {};

  return (
    <>
      <PageHeader
        title="시스템 상태"
        description="결재 엔진, Knox 연결, 상태 폴링, 데이터베이스의 현재 설정과 동작 상태입니다."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Knox 연결" />
          <CardBody>
            <DescriptionList
              items={[
                {
                  label: '모드',
                  value: knox.simulated ? (
                    <Badge tone="warning">시뮬레이터</Badge>
                  ) : (
                    <Badge tone="success">실제 Knox</Badge>
                  ),
                },
                {
                  label: 'Base URL',
                  value: <span className="font-mono text-xs">{knox.baseUrl}</span>,
                },
                {
                  label: 'System ID',
                  value: <span className="font-mono text-xs">{knox.systemId}</span>,
                },
                { label: '호출 제한시간', value: `${knox.timeoutSeconds}초` },
                {
                  label: '결재 사용',
                  value: knox.workflowEnabled ? '사용 (결재 후 실행)' : '미사용 (즉시 실행)',
                },
                { label: '미결 문서 만료', value: `${knox.maxAgeDays}일` },
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="상태 폴링" description={`일정 ${poller.cron}`} />
          <CardBody>
            <DescriptionList
              items={[
                {
                  label: '마지막 실행',
                  value: <span data-testid="poller-last-run">{formatDateTimeSeconds(poller.lastRunAt)}</span>,
                },
                { label: '다음 실행', value: formatDateTimeSeconds(poller.nextRunAt) },
                { label: '실행 인스턴스', value: poller.holder ?? '—' },
                {
                  label: '마지막 결과',
                  value: Object.keys(summary).length
                    ? Object.entries(POLL_SUMMARY_LABELS)
                        .filter(([key]) => typeof summary[key] === 'number')
                        .map(([key, label]) => `${label} ${summary[key]}`)
                        .join(' · ')
                    : '—',
                },
                {
                  label: '마지막 오류',
                  value: poller.lastError ? (
                    <span className="text-rose-700">{poller.lastError}</span>
                  ) : (
                    '없음'
                  ),
                },
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="등록된 작업 핸들러" description="결재 승인 후 실행되는 작업과 위험도" />
          <ul className="divide-y divide-slate-100">
            {handlers.map((handler) => (
              <li
                key={handler.actionType}
                className="flex items-center justify-between gap-3 px-5 py-3 text-sm"
              >
                <span>
                  <span className="font-medium text-slate-900">
                    {handler.title ?? actionTitle(handler.actionType)}
                  </span>
                  <span className="ml-2 font-mono text-xs text-slate-500">{handler.actionType}</span>
                </span>
                <Badge tone={RISK_TONES[handler.risk] ?? 'neutral'}>{handler.risk}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardHeader title="데이터베이스" />
          <CardBody className="space-y-4">
            <DescriptionList
              items={[
                {
                  label: '종류',
                  value: database.kind === 'pglite' ? 'PGlite (내장 PostgreSQL)' : 'PostgreSQL',
                },
                {
                  label: '위치',
                  value: <span className="font-mono text-xs">{database.location}</span>,
                },
              ]}
            />
            <div>
              <h3 className="text-xs font-medium text-slate-500">작업 상태별 건수</h3>
              <ul className="mt-2 grid grid-cols-3 gap-2">
                {PENDING_ACTION_STATUSES.map((status) => (
                  <li key={status} className="rounded-md bg-slate-50 px-3 py-2">
                    <p className="text-xs text-slate-500">{ACTION_STATUS_LABELS[status]}</p>
                    <p className="text-lg font-semibold tabular-nums text-slate-900">{counts[status]}</p>
                  </li>
                ))}
              </ul>
            </div>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
