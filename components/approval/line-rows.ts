import type { FormLine, RequiredLineView } from '@/lib/approval-lines/form-line';
import { ADDABLE_ROLES } from '@/lib/approval-lines/resolve';
import type { ApproverCandidate } from '@/lib/vendor/queries';

/** What a requester may add to the rule's line: 합의 or 통보 (참조 goes to Knox as 통보). */
export const ADDED_ROLES = ADDABLE_ROLES;
export type AddedRole = (typeof ADDED_ROLES)[number];

/** A person the requester added to the line, with the role they asked for. */
export interface AddedApprover extends ApproverCandidate {
  role: AddedRole;
}

export type LineRow = { kind: 'required'; entry: RequiredLineView } | { kind: 'added'; entry: AddedApprover };

/**
 * The line in Knox order: added 합의 entries agree before the final 결재 (Knox completes a document
 * at its last 결재), added 통보 entries come last. The form shows and sends this one order.
 */
export function lineRows(line: FormLine, added: AddedApprover[]): LineRow[] {
  const required: LineRow[] = (line.ok ? line.entries : []).map((entry) => ({ kind: 'required', entry }));
  const agree: LineRow[] = added.filter((a) => a.role === 'agree').map((entry) => ({ kind: 'added', entry }));
  const notify: LineRow[] = added
    .filter((a) => a.role === 'notify')
    .map((entry) => ({ kind: 'added', entry }));
  const last = required.findLastIndex((row) => row.entry.role === 'approve');
  if (last < 0) return [...required, ...agree, ...notify];
  return [...required.slice(0, last), ...agree, ...required.slice(last), ...notify];
}

/** The line the domain functions take (EP ID and role). 전결 is never sent: the server grants it from the rule alone. */
export const toApproverInput = (line: FormLine, added: AddedApprover[]) =>
  lineRows(line, added).map(({ entry }) => ({ epId: entry.epId, role: entry.role }));
