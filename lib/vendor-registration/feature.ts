import { defineApprovalAction, defineApprovalFeature } from '@/lib/approval';
import {
  regularRegistrationRequestSchema,
  requestRegularRegistration,
  VENDOR_REGISTRATION_ACTION,
} from './approval-actions';
import { REGULAR_REGISTRATION_DOCUMENT } from './document';
import { vendorRegistrationHandler } from './handlers';
import { registrationFormPath } from './re-request';

/** 정규업체 등록: a vendor whose PQ was approved becomes a regular supplier with a vendor code. */
export const vendorRegistrationFeature = defineApprovalFeature({
  name: 'vendor-registration',
  actions: [
    defineApprovalAction({
      actionType: VENDOR_REGISTRATION_ACTION,
      title: '정규업체 등록',
      risk: 'HIGH',
      document: REGULAR_REGISTRATION_DOCUMENT,
      requestSchema: regularRegistrationRequestSchema,
      request: requestRegularRegistration,
      handler: vendorRegistrationHandler,
      tool: { name: 'register_regular_vendor', description: '정규업체 등록 (결재 필요)' },
      requestForm: registrationFormPath,
    }),
  ],
});
