'use server';
import { defineAction } from '@/lib/actions/safe-action';
import { requesterOf, type SubmittedApproval, submitApprovalGuard } from '@/lib/actions/submission';
import {
  pqInvestigationRequestSchema,
  requestPqInvestigation,
  reRequestPqInvestigation,
} from './approval-actions';

const revalidate = ['/approval/log', '/', '/vendors'];

/** PQ 실사의뢰 from the web form. */
export const requestPqInvestigationAction = defineAction({
  name: 'requestPqInvestigation',
  input: pqInvestigationRequestSchema,
  ...submitApprovalGuard,
  revalidate,
  run: async (input, user): Promise<SubmittedApproval> => {
    const result = await requestPqInvestigation(input, requesterOf(user));
    return { apInfId: result.approvalId, status: result.status, warnings: result.warnings };
  },
});

/** PQ 실사 재의뢰 from the web form. */
export const reRequestPqInvestigationAction = defineAction({
  name: 'reRequestPqInvestigation',
  input: pqInvestigationRequestSchema,
  ...submitApprovalGuard,
  revalidate,
  run: async (input, user): Promise<SubmittedApproval> => {
    const result = await reRequestPqInvestigation(input, requesterOf(user));
    return { apInfId: result.approvalId, status: result.status, warnings: result.warnings };
  },
});
