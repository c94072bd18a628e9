/**
 * The approval state machine of the simulated Knox, as pure functions over a document's status and
 * its approval line. The database layer (simulator.ts) loads a document, runs one of these and
 * writes the result back with a compare-and-set, so every rule lives here and is testable alone.
 *
 * Rules (knox-api.md, "What the simulator must model"):
 * - Blocking entries (결재 1, 합의 2, 병렬합의 4, 병렬결재 7) act in ascending `seq`; entries sharing a
 *   seq form one step and must all act before the next step arrives.
 * - 통보 (9) never blocks: it is delivered (docArvDt) when the document reaches a final state.
 * - 후결 (3) acts after the blocking entries: the document is 6 후완결 until every 후결 entry has
 *   approved, then 2 완결.
 * - Any rejection → 3; 전결 by an entry with arbPmtYn "Y" → 5; hold → 0 until the holder's step acts.
 * - 상신취소 by the drafter → 4, only while the document is in progress or on hold.
 */
import { KNOX_ERROR, KNOX_LINE_ROLE, KNOX_LINE_STATUS, KNOX_STATUS } from '@/lib/knox-api/approval/codes';

export interface LineState {
  id: number;
  seq: number;
  role: number;
  epId: string;
  aplnStatsCode: number;
  arbPmtYn: string;
  opinion: string | null;
  docArvDt: string | null;
  docOpenDt: string | null;
  actPrssDt: string | null;
}

export type ActAction = 'approve' | 'reject' | 'arbitrary' | 'hold';
export const ACT_ACTIONS: readonly ActAction[] = ['approve', 'reject', 'arbitrary', 'hold'];

export interface Refusal {
  ok: false;
  code: string;
  message: string;
}

export interface Transition {
  ok: true;
  status: number;
  lines: LineState[];
}

const BLOCKING_ROLES: ReadonlySet<number> = new Set([
  KNOX_LINE_ROLE.APPROVE,
  KNOX_LINE_ROLE.AGREE,
  KNOX_LINE_ROLE.PARALLEL_AGREE,
  KNOX_LINE_ROLE.PARALLEL_APPROVE,
]);
export const KNOWN_ROLES: ReadonlySet<number> = new Set(Object.values(KNOX_LINE_ROLE));

/** Statuses in which nothing can happen any more (6 still takes 후결 approvals). */
const FINAL_STATUSES: ReadonlySet<number> = new Set([
  KNOX_STATUS.COMPLETED,
  KNOX_STATUS.REJECTED,
  KNOX_STATUS.WITHDRAWN,
  KNOX_STATUS.ARBITRARY_COMPLETED,
]);

export const isBlockingRole = (role: number) => BLOCKING_ROLES.has(role);
export const isFinalStatus = (status: number) => FINAL_STATUSES.has(status);

const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message });
const isPending = (line: LineState) => line.aplnStatsCode === KNOX_LINE_STATUS.PENDING;

/** The entries whose turn it is: the lowest pending blocking step, or the 후결 entries while 6. */
export function currentTurn(status: number, lines: readonly LineState[]): LineState[] {
  if (status === KNOX_STATUS.IN_PROGRESS || status === KNOX_STATUS.ON_HOLD) {
    const pending = lines.filter((line) => isBlockingRole(line.role) && isPending(line));
    if (pending.length === 0) return [];
    const step = Math.min(...pending.map((line) => line.seq));
    return pending.filter((line) => line.seq === step);
  }
  if (status === KNOX_STATUS.POST_COMPLETED) {
    return lines.filter((line) => line.role === KNOX_LINE_ROLE.POST_APPROVE && isPending(line));
  }
  return [];
}

/** Marks arrival for whoever the new state reaches: the current step, and 통보 entries once final. */
function deliver(status: number, lines: LineState[], now: string): LineState[] {
  const reached = new Set(currentTurn(status, lines).map((line) => line.id));
  const final = isFinalStatus(status) || status === KNOX_STATUS.POST_COMPLETED;
  return lines.map((line) =>
    line.docArvDt === null && (reached.has(line.id) || (final && line.role === KNOX_LINE_ROLE.NOTIFY))
      ? { ...line, docArvDt: now }
      : line,
  );
}

/** The status after an approval, from what is still pending. */
function statusAfterApproval(lines: readonly LineState[]): number {
  if (lines.some((line) => isBlockingRole(line.role) && isPending(line))) return KNOX_STATUS.IN_PROGRESS;
  if (lines.some((line) => line.role === KNOX_LINE_ROLE.POST_APPROVE && isPending(line)))
    return KNOX_STATUS.POST_COMPLETED;
  return KNOX_STATUS.COMPLETED;
}

/** A freshly submitted line: the drafter has acted (submitting is the drafter's act), step one arrives. */
export function startLine(lines: readonly LineState[], now: string): Transition {
  const started = lines.map((line) =>
    line.role === KNOX_LINE_ROLE.DRAFTER
      ? {
          ...line,
          aplnStatsCode: KNOX_LINE_STATUS.APPROVED,
          docArvDt: now,
          docOpenDt: now,
          actPrssDt: now,
        }
      : { ...line, aplnStatsCode: KNOX_LINE_STATUS.PENDING },
  );
  const status = statusAfterApproval(started);
  return { ok: true, status, lines: deliver(status, started, now) };
}

export interface ActInput {
  epId: string;
  action: ActAction;
  opinion?: string | null;
}

/** One approver's act on the document. */
export function applyAct(
  status: number,
  lines: readonly LineState[],
  input: ActInput,
  now: string,
): Transition | Refusal {
  if (
    status !== KNOX_STATUS.IN_PROGRESS &&
    status !== KNOX_STATUS.ON_HOLD &&
    status !== KNOX_STATUS.POST_COMPLETED
  ) {
    return refuse(KNOX_ERROR.ACTION_NOT_ALLOWED, `the document is no longer in progress (status ${status})`);
  }
  const entry = currentTurn(status, lines).find((line) => line.epId === input.epId);
  if (!entry) {
    const onLine = lines.some((line) => line.epId === input.epId);
    return refuse(
      KNOX_ERROR.ACTION_NOT_ALLOWED,
      onLine
        ? `it is not ${input.epId}'s turn on this document`
        : `${input.epId} is not on this document's approval line`,
    );
  }
  const postApproval = status === KNOX_STATUS.POST_COMPLETED;
  if (postApproval && input.action !== 'approve') {
    return refuse(KNOX_ERROR.ACTION_NOT_ALLOWED, '후결 entries can only approve a completed document');
  }
  if (input.action === 'arbitrary' && entry.arbPmtYn !== 'Y') {
    return refuse(KNOX_ERROR.ACTION_NOT_ALLOWED, `${input.epId} may not decide 전결 (arbPmtYn is not "Y")`);
  }
  if (input.action === 'hold' && status !== KNOX_STATUS.IN_PROGRESS) {
    return refuse(KNOX_ERROR.ACTION_NOT_ALLOWED, 'the document is already on hold');
  }

  const opinion = input.opinion?.trim() ? input.opinion.trim() : null;
  const acted = (code: number): LineState => ({
    ...entry,
    aplnStatsCode: code,
    opinion: opinion ?? entry.opinion,
    docOpenDt: entry.docOpenDt ?? now,
    actPrssDt: now,
  });
  const replace = (next: LineState) => lines.map((line) => (line.id === next.id ? next : line));

  let nextLines: LineState[];
  let nextStatus: number;
  switch (input.action) {
    case 'approve':
      nextLines = replace(acted(KNOX_LINE_STATUS.APPROVED));
      nextStatus = statusAfterApproval(nextLines);
      break;
    case 'reject':
      nextLines = replace(acted(KNOX_LINE_STATUS.REJECTED));
      nextStatus = KNOX_STATUS.REJECTED;
      break;
    case 'arbitrary':
      nextLines = replace(acted(KNOX_LINE_STATUS.ARBITRARY));
      nextStatus = KNOX_STATUS.ARBITRARY_COMPLETED;
      break;
    case 'hold':
      // Still pending: holding is not a decision, so no actPrssDt; the opinion says why.
      nextLines = replace({ ...entry, opinion: opinion ?? entry.opinion, docOpenDt: entry.docOpenDt ?? now });
      nextStatus = KNOX_STATUS.ON_HOLD;
      break;
  }
  return { ok: true, status: nextStatus, lines: deliver(nextStatus, nextLines, now) };
}

/**
 * 상신취소. The Knox call carries no person: the calling system withdraws on the drafter's behalf.
 * The withdrawal opinion is kept on the drafter's entry (Knox shows it there).
 */
export function applyCancel(
  status: number,
  lines: readonly LineState[],
  opinion: string | null | undefined,
  now: string,
): Transition | Refusal {
  if (status !== KNOX_STATUS.IN_PROGRESS && status !== KNOX_STATUS.ON_HOLD) {
    return refuse(
      KNOX_ERROR.CANCEL_NOT_ALLOWED,
      `the document can no longer be withdrawn (status ${status}); only documents in progress or on hold can`,
    );
  }
  const text = opinion?.trim() ? opinion.trim() : null;
  const nextLines = lines.map((line) =>
    line.role === KNOX_LINE_ROLE.DRAFTER && text ? { ...line, opinion: text } : line,
  );
  return {
    ok: true,
    status: KNOX_STATUS.WITHDRAWN,
    lines: deliver(KNOX_STATUS.WITHDRAWN, nextLines, now),
  };
}

/** What may the person do on the document now (for the inbox UI). */
export function allowedActions(status: number, lines: readonly LineState[], epId: string) {
  const entry = currentTurn(status, lines).find((line) => line.epId === epId);
  const post = status === KNOX_STATUS.POST_COMPLETED;
  const drafter = lines.find((line) => line.role === KNOX_LINE_ROLE.DRAFTER);
  return {
    approve: Boolean(entry),
    reject: Boolean(entry) && !post,
    arbitrary: Boolean(entry) && !post && entry?.arbPmtYn === 'Y',
    hold: Boolean(entry) && status === KNOX_STATUS.IN_PROGRESS,
    cancel: drafter?.epId === epId && (status === KNOX_STATUS.IN_PROGRESS || status === KNOX_STATUS.ON_HOLD),
  };
}
export type AllowedActions = ReturnType<typeof allowedActions>;
