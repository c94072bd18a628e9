import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';

/** Who a live stream is for: only what this person may see is sent on it. */
export type Viewer = Pick<CurrentUser, 'id' | 'role'>;

/** An approval the engine moved (a final state, from its NOTIFY), as kept in the replay ring. */
export interface ApprovalChange {
  kind: 'approval';
  apInfId: string;
  /** The action's status after the move (`executed`, `rejected`, `failed`, …). */
  status: string | null;
  requesterId: string | null;
}

export interface LiveEvent extends ApprovalChange {
  /** `<epoch>.<sequence>`: the epoch tells a reconnect to another instance (or a restart) apart. */
  id: string;
}

/**
 * Whether a viewer may receive an event: an approval's moves go to its requester and to admins
 * (who also see the failed actions it may have produced), to nobody else.
 */
export function mayReceive(viewer: Viewer, event: ApprovalChange): boolean {
  return permissions.manageApproval(viewer, event.requesterId);
}

/** What a stream sends to the browser for an event: never the requester's id. */
export function eventData(event: ApprovalChange): {
  kind: 'approval';
  apInfId: string;
  status: string | null;
} {
  return { kind: event.kind, apInfId: event.apInfId, status: event.status };
}
