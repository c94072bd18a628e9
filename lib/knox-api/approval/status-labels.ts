import type { Tone } from '@/lib/tone';
import { isKnoxStatus, KNOX_LINE_STATUS, KNOX_STATUS, KNOX_STATUS_LABELS, type KnoxStatus } from './codes';

/**
 * The tone of each Knox document status, the same on the portal's pages and in the simulator.
 * 전결 (5) is a completed approval like 완결 (2) and 후완결 (6), and is executed the same way, so it
 * reads as success; who decided it 전결 shows in the approval line, not in the document's colour.
 */
export const KNOX_STATUS_TONES: Record<KnoxStatus, Tone> = {
  [KNOX_STATUS.ENCRYPTING]: 'neutral',
  [KNOX_STATUS.SCHEDULED]: 'neutral',
  [KNOX_STATUS.ON_HOLD]: 'warning',
  [KNOX_STATUS.IN_PROGRESS]: 'info',
  [KNOX_STATUS.COMPLETED]: 'success',
  [KNOX_STATUS.REJECTED]: 'danger',
  [KNOX_STATUS.WITHDRAWN]: 'neutral',
  [KNOX_STATUS.ARBITRARY_COMPLETED]: 'success',
  [KNOX_STATUS.POST_COMPLETED]: 'success',
};

/** Knox's Korean name of a document status; a code Knox has not documented shows as `코드 N`. */
export function knoxStatusLabel(status: number): string {
  return isKnoxStatus(status) ? KNOX_STATUS_LABELS[status] : `코드 ${status}`;
}

export function knoxStatusTone(status: number): Tone {
  return isKnoxStatus(status) ? KNOX_STATUS_TONES[status] : 'neutral';
}

/** The tone of one approval-line entry's `aplnStatsCode` (미결, 결재, 반려, 전결, 자동결재, 자동반려). */
export const KNOX_LINE_STATUS_TONES: Record<number, Tone> = {
  [KNOX_LINE_STATUS.PENDING]: 'neutral',
  [KNOX_LINE_STATUS.APPROVED]: 'success',
  [KNOX_LINE_STATUS.REJECTED]: 'danger',
  [KNOX_LINE_STATUS.ARBITRARY]: 'highlight',
  [KNOX_LINE_STATUS.AUTO_APPROVED]: 'success',
  [KNOX_LINE_STATUS.AUTO_REJECTED]: 'danger',
};
