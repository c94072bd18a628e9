import type { ApprovalEvent } from '@/db/schema';
import { APPROVAL_EVENTS, type ApproverAct } from '@/lib/approval';

/** What an approver did (approval_events of type approver_acted, detail.act), as the timeline says it. */
export const APPROVER_ACT_LABELS: Record<ApproverAct, string> = {
  approved: '승인',
  rejected: '반려',
  arbitrary: '전결',
  held: '보류',
  auto_approved: '자동승인',
  auto_rejected: '자동반려',
};

const APPROVER_ACTED = APPROVAL_EVENTS.approverActed;

/** When the event happened: an approver's act at Knox's time of the act, anything else when written. */
export function occurredAt(event: Pick<ApprovalEvent, 'eventType' | 'detail' | 'createdAt'>): Date {
  if (event.eventType === APPROVER_ACTED && typeof event.detail.actedAt === 'string') {
    const acted = new Date(event.detail.actedAt);
    if (!Number.isNaN(acted.getTime())) return acted;
  }
  return event.createdAt;
}

/**
 * The timeline in the order things happened. Approvers' acts are often read after the decision
 * was recorded (the batch path executes first, reads lines after), so by write order 최팀장 승인
 * would follow 실행 완료.
 */
export function orderTimeline<E extends Pick<ApprovalEvent, 'id' | 'eventType' | 'detail' | 'createdAt'>>(
  events: readonly E[],
): E[] {
  return [...events].sort((a, b) => occurredAt(a).getTime() - occurredAt(b).getTime() || a.id - b.id);
}

/** An approver's act as the timeline shows it: "최팀장 팀장 승인" and the opinion. */
export interface ApproverActView {
  title: string;
  opinion: string | null;
}

export function approverActView(
  event: Pick<ApprovalEvent, 'eventType' | 'detail' | 'actor'>,
  names: ReadonlyMap<string, string>,
): ApproverActView | null {
  if (event.eventType !== APPROVER_ACTED) return null;
  const { act, name, epId, titleName, opinion } = event.detail;
  const label =
    typeof act === 'string' && Object.hasOwn(APPROVER_ACT_LABELS, act)
      ? APPROVER_ACT_LABELS[act as ApproverAct]
      : '처리';
  const who =
    (typeof name === 'string' && name) ||
    names.get(event.actor) ||
    (typeof epId === 'string' ? epId : 'Knox');
  const title = typeof titleName === 'string' && titleName ? ` ${titleName}` : '';
  return {
    title: `${who}${title} ${label}`,
    opinion: typeof opinion === 'string' && opinion ? opinion : null,
  };
}
