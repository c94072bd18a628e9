import { z } from 'zod';

/** What the 실사의뢰 / 재의뢰 form is filled with for 다시 요청: the business input, never the line. */
export interface InvestigationPrefill {
  requestedStartDate: string;
  requestedEndDate: string;
  siteAddress: string;
  qmAssigneeId: string;
  reason: string;
}

const payloadSchema = z.object({
  pqSubmissionId: z.number().int().positive(),
  vendorId: z.number().int().positive(),
  kind: z.enum(['initial', 'rerequest']),
  requestedStartDate: z.string().default(''),
  requestedEndDate: z.string().default(''),
  siteAddress: z.string().default(''),
  qmAssigneeId: z.string().default(''),
  reason: z.string().default(''),
});

/** The form's input from an earlier request's payload, or null when the payload is not one. */
export function investigationPrefill(payload: unknown): InvestigationPrefill | null {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { requestedStartDate, requestedEndDate, siteAddress, qmAssigneeId, reason } = parsed.data;
  return { requestedStartDate, requestedEndDate, siteAddress, qmAssigneeId, reason };
}

/** The page of the form that asks for the investigation (or its re-request) again. */
export function investigationFormPath(payload: unknown): string | null {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { vendorId, pqSubmissionId, kind } = parsed.data;
  return `/vendors/${vendorId}/pq/${pqSubmissionId}/${kind === 'rerequest' ? 'reinvestigation' : 'investigation'}`;
}
