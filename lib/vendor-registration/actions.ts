'use server';
import { defineAction } from '@/lib/actions/safe-action';
import { requesterOf, type SubmittedApproval, submitApprovalGuard } from '@/lib/actions/submission';
import { regularRegistrationRequestSchema, requestRegularRegistration } from './approval-actions';

/** 정규업체 등록 from the web form. */
export const requestRegularRegistrationAction = defineAction({
  name: 'requestRegularRegistration',
  input: regularRegistrationRequestSchema,
  ...submitApprovalGuard,
  revalidate: ['/approval/log', '/', '/vendors'],
  run: async (input, user): Promise<SubmittedApproval> => {
    const result = await requestRegularRegistration(input, requesterOf(user));
    return { apInfId: result.approvalId, status: result.status, warnings: result.warnings };
  },
});
