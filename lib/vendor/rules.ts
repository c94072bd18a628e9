import type { PqSubmission, Vendor } from '@/db/schema';

/**
 * Which request buttons a page offers. Only a hint for the UI: the domain functions check the
 * same conditions again on the server and refuse with a message.
 */
export const canRegisterVendor = (vendor: Pick<Vendor, 'status'>) => vendor.status === 'pq_approved';

export const canRequestInvestigation = (
  submission: Pick<PqSubmission, 'status'>,
  hasInvestigation: boolean,
) => !hasInvestigation && (submission.status === 'submitted' || submission.status === 'under_review');

export const canReRequestInvestigation = (
  submission: Pick<PqSubmission, 'status'>,
  hasInvestigation: boolean,
) => hasInvestigation && submission.status === 'investigation_completed';
