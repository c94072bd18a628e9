import type { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import {
  pqInvestigationRequestSchema,
  requestPqInvestigation,
} from '@/lib/vendor-investigation/approval-actions';
import {
  regularRegistrationRequestSchema,
  requestRegularRegistration,
} from '@/lib/vendor-registration/approval-actions';
import {
  requestVendorSuspension,
  vendorSuspensionRequestSchema,
} from '@/lib/vendor-suspension/approval-actions';
import type { SubmittedApproval } from './gated-call';

/** A HIGH/CRITICAL tool: its input is the domain request's own schema; submitting goes through withApproval. */
export interface GatedTool {
  name: string;
  schema: z.ZodObject;
  submit: (input: unknown, user: CurrentUser) => Promise<SubmittedApproval>;
}

const requester = (user: CurrentUser) => ({
  id: user.id,
  epId: user.epId,
  email: user.email,
  name: user.name,
});

export const GATED_TOOLS: GatedTool[] = [
  {
    name: 'request_pq_investigation',
    schema: pqInvestigationRequestSchema,
    submit: (input, user) => requestPqInvestigation(input, requester(user)),
  },
  {
    name: 'register_regular_vendor',
    schema: regularRegistrationRequestSchema,
    submit: (input, user) => requestRegularRegistration(input, requester(user)),
  },
  {
    name: 'suspend_vendor',
    schema: vendorSuspensionRequestSchema,
    submit: (input, user) => requestVendorSuspension(input, requester(user)),
  },
];
