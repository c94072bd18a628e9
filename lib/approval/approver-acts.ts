import {
  type ApprovalDetail,
  KNOX_LINE_ROLE,
  KNOX_LINE_STATUS,
  KNOX_STATUS,
  tryParseKnoxDateTime,
} from '@/lib/knox-api/approval';

/** What one approver did, as the approval line shows it. */
export const APPROVER_ACTS = [
  'approved',
  'rejected',
  'arbitrary',
  'held',
  'auto_approved',
  'auto_rejected',
] as const;
export type ApproverAct = (typeof APPROVER_ACTS)[number];

const ACT_BY_LINE_STATUS: Record<number, ApproverAct> = {
  [KNOX_LINE_STATUS.APPROVED]: 'approved',
  [KNOX_LINE_STATUS.REJECTED]: 'rejected',
  [KNOX_LINE_STATUS.ARBITRARY]: 'arbitrary',
  [KNOX_LINE_STATUS.AUTO_APPROVED]: 'auto_approved',
  [KNOX_LINE_STATUS.AUTO_REJECTED]: 'auto_rejected',
};

/** Roles whose entry waits for its turn; 보류 is held by one of these. */
const BLOCKING_ROLES: ReadonlySet<number> = new Set([
  KNOX_LINE_ROLE.APPROVE,
  KNOX_LINE_ROLE.AGREE,
  KNOX_LINE_ROLE.PARALLEL_AGREE,
  KNOX_LINE_ROLE.PARALLEL_APPROVE,
]);

export interface ApproverActRecord {
  /** One of a kind per document: the same act read again has the same key. */
  dedupeKey: string;
  act: ApproverAct;
  epId: string;
  name: string | null;
  titleName: string | null;
  seq: number;
  role: number;
  opinion: string | null;
  /** Knox's time of the act (actPrssDt); null when Knox gives none (보류 has none). */
  actedAt: Date | null;
}

type LineEntry = ApprovalDetail['aplns'][number];

function record(entry: LineEntry, act: ApproverAct, key: string, when: Date | undefined): ApproverActRecord {
  return {
    dedupeKey: `act:${entry.seq}:${entry.epId}:${key}`,
    act,
    epId: entry.epId,
    name: entry.name ?? null,
    titleName: entry.titleName ?? null,
    seq: entry.seq,
    role: entry.role,
    opinion: entry.opinion?.trim() ? entry.opinion.trim() : null,
    actedAt: when ?? null,
  };
}

/**
 * The acts Knox's line reports, oldest first. The drafter's entry is the submit (and a withdrawal's
 * opinion), which have events of their own; 통보 entries never act. Knox keeps no act for 보류 in the
 * line: while the document is on hold (status 0), the entry whose turn it is holds it.
 */
export function approverActs(detail: Pick<ApprovalDetail, 'status' | 'aplns'>): ApproverActRecord[] {
  const acts: ApproverActRecord[] = [];
  const line = [...detail.aplns].sort((a, b) => a.seq - b.seq);
  for (const entry of line) {
    if (entry.role === KNOX_LINE_ROLE.DRAFTER || entry.role === KNOX_LINE_ROLE.NOTIFY) continue;
    const act = ACT_BY_LINE_STATUS[entry.aplnStatsCode];
    if (act)
      acts.push(record(entry, act, String(entry.aplnStatsCode), tryParseKnoxDateTime(entry.actPrssDt)));
  }
  if (detail.status === KNOX_STATUS.ON_HOLD) {
    const holder = line.find(
      (entry) => BLOCKING_ROLES.has(entry.role) && entry.aplnStatsCode === KNOX_LINE_STATUS.PENDING,
    );
    if (holder) acts.push(record(holder, 'held', 'hold', tryParseKnoxDateTime(holder.docOpenDt)));
  }
  return acts.sort((a, b) => (a.actedAt?.getTime() ?? Infinity) - (b.actedAt?.getTime() ?? Infinity));
}
