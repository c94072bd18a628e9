import type { ApprovalEvent } from '@/db/schema';
import { APPROVAL_EVENTS } from '@/lib/approval';

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
