import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RefreshButton, WithdrawButton } from '@/components/approval/approval-controls';
import { ApprovalLine } from '@/components/approval/approval-line';
import { sanitizeDocumentHtml } from '@/components/approval/document-html';
import { eventTypeLabel } from '@/components/approval/labels';
import { ActionStatusBadge, KnoxStatusBadge } from '@/components/approval/status-badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardBody, CardHeader, DescriptionList, Notice, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { actionStatusLabel } from '@/lib/approval/labels';
import { actionTitle } from '@/lib/approval/registry';
import { executionResultText } from '@/lib/approval-log/execution-result';
import { loadApprovalDetail } from '@/lib/approval-log/page-data';
import { permissions } from '@/lib/auth/permissions';
import { KNOX_LINE_STATUS, knoxStatusOutcome } from '@/lib/knox-api/approval/codes';
import { knoxStatusLabel } from '@/lib/knox-api/approval/status-labels';

/** The opinion of whoever rejected the document, if Knox reported one. */
function rejectionOpinion(line: unknown[]): string | null {
  for (const entry of line) {
    const record = entry as Record<string, unknown> | null;
    if (
      record &&
      Number(record.aplnStatsCode) === KNOX_LINE_STATUS.REJECTED &&
      typeof record.opinion === 'string' &&
      record.opinion
    ) {
      return record.opinion;
    }
  }
  return null;
}

function eventDetailText(detail: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const key of ['opinion', 'message', 'error', 'note', 'reason']) {
    const value = detail[key];
    // Engines often copy the opinion into the message too; say it once.
    if (typeof value === 'string' && value && !parts.includes(value)) parts.push(value);
  }
  if (typeof detail.knoxStatus === 'number') parts.push(`Knox 상태: ${knoxStatusLabel(detail.knoxStatus)}`);
  return parts.length ? parts.join(' · ') : null;
}

/** A malformed %-escape in a hand-typed URL is simply an unknown id, not a crash. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const SYSTEM_ACTOR_LABELS: Record<string, string> = {
  knox: 'Knox',
  'system:poller': '상태 폴링',
  'system:workflow': '결재 엔진',
  'system:live-poll': '실시간 상태 확인',
};

function actorLabel(actor: string, names: Map<string, string>): string {
  return names.get(actor) ?? SYSTEM_ACTOR_LABELS[actor] ?? actor;
}

function statusLabel(status: string | null): string {
  if (!status) return '—';
  return actionStatusLabel(status);
}

export default async function ApprovalDetailPage({ params }: { params: Promise<{ apInfId: string }> }) {
  const { apInfId } = await params;
  const detail = await loadApprovalDetail(safeDecode(apInfId));
  if (!detail) notFound();
  const { user, approval, action, timeline, names, lineRows, lineReported, links, reRequestHref } = detail;
  const open = action ? action.status === 'pending' || action.status === 'submit_unknown' : false;
  const isRequester = approval.requesterId === user.id;
  const outcome = knoxStatusOutcome(approval.status);
  const opinion = outcome === 'reject' ? rejectionOpinion(approval.approvalLine) : null;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/approval/log" className="hover:underline">
            결재 현황
          </Link>
        }
        title={approval.title}
        description={<span className="font-mono">{approval.apInfId}</span>}
        actions={
          <>
            {reRequestHref ? (
              <ButtonLink href={reRequestHref} data-testid="re-request">
                다시 요청
              </ButtonLink>
            ) : null}
            <RefreshButton apInfId={approval.apInfId} />
            {open && (isRequester || permissions.administer(user)) ? (
              <WithdrawButton apInfId={approval.apInfId} />
            ) : null}
          </>
        }
      />
      {links.replaces || links.replacedBy ? (
        <div className="mb-6 space-y-2">
          {links.replaces ? (
            <Notice tone="info" title="대체된 결재">
              이 결재가 대체한 이전 결재:{' '}
              <Link
                href={`/approval/log/${encodeURIComponent(links.replaces.apInfId)}`}
                className="font-medium text-indigo-700 hover:underline"
                data-testid="replaces-link"
              >
                {links.replaces.title ?? links.replaces.apInfId}
              </Link>
            </Notice>
          ) : null}
          {links.replacedBy ? (
            <Notice tone="info" title="다시 요청한 결재">
              이 결재를 대체한 새 결재:{' '}
              <Link
                href={`/approval/log/${encodeURIComponent(links.replacedBy.apInfId)}`}
                className="font-medium text-indigo-700 hover:underline"
                data-testid="replaced-by-link"
              >
                {links.replacedBy.title ?? links.replacedBy.apInfId}
              </Link>
            </Notice>
          ) : null}
        </div>
      ) : null}
      {opinion ? (
        <div className="mb-6">
          <Notice tone="danger" title="반려 의견">
            <span data-testid="rejection-opinion">{opinion}</span>
          </Notice>
        </div>
      ) : null}
      {action?.status === 'failed' ? (
        <div className="mb-6">
          <Notice tone="warning" title="승인 후 작업 실행에 실패했습니다">
            {action.errorMessage ?? '알 수 없는 오류'} — 관리자가 확인 후 재실행합니다.
          </Notice>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="요약" />
          <CardBody>
            <DescriptionList
              items={[
                {
                  label: 'Knox 상태',
                  value: (
                    <span data-testid="knox-status">
                      <KnoxStatusBadge status={approval.status} />
                    </span>
                  ),
                },
                {
                  label: '처리 상태',
                  value: action ? (
                    <span data-testid="action-status">
                      <ActionStatusBadge status={action.status} />
                    </span>
                  ) : (
                    '—'
                  ),
                },
                { label: '요청 작업', value: action ? actionTitle(action.actionType) : '—' },
                { label: '요청자', value: `${approval.requesterName ?? '—'} (${approval.requesterEpId})` },
                { label: '상신일시', value: formatDateTime(approval.submittedAt) },
                { label: '결정일시', value: formatDateTime(approval.decidedAt) },
                { label: 'Knox 확인', value: formatDateTime(approval.lastSyncedAt) },
                { label: '실행일시', value: formatDateTime(action?.executedAt) },
                {
                  label: '실행 결과',
                  value: (
                    <span data-testid="execution-result">
                      {executionResultText(action?.executionResult) ?? '—'}
                    </span>
                  ),
                },
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="결재선"
            description={
              lineReported
                ? 'Knox가 알려준 순서와 처리 결과'
                : '상신한 결재선 (Knox가 처리 결과를 알려주기 전)'
            }
          />
          <ApprovalLine rows={lineRows} />
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader title="결재 문서" description="Knox에 상신한 본문 그대로 (안전하게 표시)" />
        <CardBody>
          <section
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide document scrolls sideways, and a keyboard must be able to scroll it
            tabIndex={0}
            aria-label="결재 문서 본문"
            className="approval-document overflow-x-auto text-sm leading-relaxed text-slate-800"
            // Sanitized on the server: no scripts, event handlers or javascript: URLs survive.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized with sanitize-html just above
            dangerouslySetInnerHTML={{ __html: sanitizeDocumentHtml(approval.content) }}
          />
        </CardBody>
      </Card>

      <Card className="mt-6">
        <CardHeader title="처리 이력" description="이 결재에 일어난 모든 변경" />
        {timeline.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">기록된 이력이 없습니다.</p>
        ) : (
          <ol className="relative px-5 py-4">
            {timeline.map(({ event, occurredAt, act }) => {
              const text = eventDetailText(event.detail);
              return (
                <li key={event.id} className="relative border-l border-slate-200 pb-4 pl-5 last:pb-0">
                  <span
                    className="absolute -left-1.5 top-1 size-3 rounded-full bg-indigo-500 ring-4 ring-white"
                    aria-hidden="true"
                  />
                  <p className="text-sm font-medium text-slate-900" data-testid="timeline-title">
                    <span>{act ? act.title : eventTypeLabel(event.eventType)}</span>
                    {act?.opinion ? (
                      <span className="font-normal text-slate-700"> — {act.opinion}</span>
                    ) : null}
                    {event.toStatus && event.toStatus !== event.fromStatus ? (
                      <span className="ml-2 text-xs font-normal text-slate-500">
                        {statusLabel(event.fromStatus)} → {statusLabel(event.toStatus)}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-xs text-slate-500">
                    {formatDateTime(occurredAt)} · {act ? 'Knox' : actorLabel(event.actor, names)}
                  </p>
                  {text && !act ? <p className="mt-1 text-sm text-slate-700">{text}</p> : null}
                </li>
              );
            })}
          </ol>
        )}
      </Card>
    </>
  );
}
