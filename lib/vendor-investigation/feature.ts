import { defineApprovalAction, defineApprovalFeature } from '@/lib/approval';
import {
  PQ_INVESTIGATION_ACTIONS,
  pqInvestigationRequestSchema,
  requestPqInvestigation,
  reRequestPqInvestigation,
} from './approval-actions';
import { INVESTIGATION_DOCUMENT, REINVESTIGATION_DOCUMENT } from './document';
import { pqInvestigationHandler } from './handlers';
import { investigationFormPath } from './re-request';

/** PQ 현장실사: 실사의뢰 and, after a conditional or failed result, 재의뢰. */
export const vendorInvestigationFeature = defineApprovalFeature({
  name: 'vendor-investigation',
  actions: [
    defineApprovalAction({
      actionType: PQ_INVESTIGATION_ACTIONS.request,
      title: 'PQ 실사의뢰',
      risk: 'HIGH',
      document: INVESTIGATION_DOCUMENT,
      requestSchema: pqInvestigationRequestSchema,
      request: requestPqInvestigation,
      handler: pqInvestigationHandler,
      tool: { name: 'request_pq_investigation', description: 'PQ 현장실사 의뢰 (결재 필요)' },
      requestForm: investigationFormPath,
    }),
    defineApprovalAction({
      actionType: PQ_INVESTIGATION_ACTIONS.rerequest,
      title: 'PQ 실사 재의뢰',
      risk: 'HIGH',
      document: REINVESTIGATION_DOCUMENT,
      requestSchema: pqInvestigationRequestSchema,
      request: reRequestPqInvestigation,
      handler: pqInvestigationHandler,
      requestForm: investigationFormPath,
    }),
  ],
});
