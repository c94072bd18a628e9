import { defineApprovalAction, defineApprovalFeature } from '@/lib/approval';
import {
  requestVendorSuspension,
  VENDOR_SUSPENSION_ACTION,
  vendorSuspensionRequestSchema,
} from './approval-actions';
import { SUSPENSION_DOCUMENT } from './document';
import { vendorSuspensionHandler } from './handlers';

/** 거래정지: a regular vendor stops trading once Knox approves. */
export const vendorSuspensionFeature = defineApprovalFeature({
  name: 'vendor-suspension',
  actions: [
    defineApprovalAction({
      actionType: VENDOR_SUSPENSION_ACTION,
      title: '협력업체 거래정지',
      risk: 'CRITICAL',
      document: SUSPENSION_DOCUMENT,
      requestSchema: vendorSuspensionRequestSchema,
      request: requestVendorSuspension,
      handler: vendorSuspensionHandler,
      tool: { name: 'suspend_vendor', description: '협력업체 거래정지 (결재 필요)' },
    }),
  ],
});
