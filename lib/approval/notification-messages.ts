import type { NotificationKind } from '@/db/schema/notifications';
import { KNOX_LINE_STATUS } from '@/lib/knox-api/approval/codes';

/** What a move tells people, as read from its event, its action and its document. */
export interface MoveFacts {
  /** The action's status the move reached. */
  toStatus: string;
  /** The action type's Korean title, e.g. 정규업체 등록. */
  actionTitle: string;
  requesterName: string | null;
  /** The approver's opinion (반려, 상신취소) or the reason the action ended (만료, 실패). */
  reason: string | null;
  /** The approval line as Knox last reported it (approval_logs.approval_line). */
  approvalLine: unknown;
}

export interface Tell {
  audience: 'requester' | 'admins';
  kind: NotificationKind;
  message: string;
}

/** A notification stays one readable sentence even when an error message is long. */
const MAX_MESSAGE = 500;

const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);
const because = (reason: string | null) => (reason?.trim() ? ` — ${reason.trim()}` : '');

/** The name of the approver who rejected, from the line Knox reported (null when it does not say). */
export function rejectingApprover(line: unknown): string | null {
  if (!Array.isArray(line)) return null;
  const entry = line.find((candidate) => {
    const code = Number((candidate as { aplnStatsCode?: unknown })?.aplnStatsCode);
    return code === KNOX_LINE_STATUS.REJECTED || code === KNOX_LINE_STATUS.AUTO_REJECTED;
  }) as { name?: unknown; epId?: unknown } | undefined;
  if (!entry) return null;
  const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : null;
  return name ?? (typeof entry.epId === 'string' ? entry.epId : null);
}

/**
 * Who is told what about a move, in Korean: the requester when their action ran, was rejected
 * (with the approver and opinion), withdrawn, expired or failed; every admin when it failed.
 * Nothing for moves that end nothing.
 */
export function tellsFor(facts: MoveFacts): Tell[] {
  const action = facts.actionTitle;
  switch (facts.toStatus) {
    case 'executed':
      return [
        { audience: 'requester', kind: 'executed', message: `${action} 결재가 승인되어 처리되었습니다` },
      ];
    case 'rejected': {
      const approver = rejectingApprover(facts.approvalLine);
      const opinion = facts.reason?.trim() || null;
      const tail = approver && opinion ? `${approver}: ${opinion}` : (opinion ?? approver);
      return [
        {
          audience: 'requester',
          kind: 'rejected',
          message: clip(`${action} 결재가 반려되었습니다${because(tail)}`),
        },
      ];
    }
    case 'withdrawn':
      return [
        {
          audience: 'requester',
          kind: 'withdrawn',
          message: clip(`${action} 결재가 상신취소되었습니다${because(facts.reason)}`),
        },
      ];
    case 'expired':
      return [
        {
          audience: 'requester',
          kind: 'expired',
          message: clip(`${action} 결재가 기한이 지나 만료되었습니다${because(facts.reason)}`),
        },
      ];
    case 'failed':
      return [
        {
          audience: 'requester',
          kind: 'failed',
          message: clip(`${action} 요청이 실패했습니다${because(facts.reason)}`),
        },
        {
          audience: 'admins',
          kind: 'action_failed',
          message: clip(
            `${facts.requesterName ? `${facts.requesterName}님의 ` : ''}${action} 요청이 실패했습니다${because(facts.reason)}`,
          ),
        },
      ];
    default:
      return [];
  }
}
