import { pqInvestigationHandlers } from '@/lib/vendor-investigation/handlers';
import { vendorRegularRegistrationHandler } from '@/lib/vendor-registration/handlers';
import { vendorSuspensionHandler } from '@/lib/vendor-suspension/handlers';
import { hasActionHandler, registerActionHandler } from './registry';

/**
 * The one place that maps every approval action type to its handler. Idempotent: start-up, the
 * first withApproval() and tests may all call it.
 */
export function initializeApprovalHandlers(): void {
  const all = {
    ...pqInvestigationHandlers,
    vendor_regular_registration: vendorRegularRegistrationHandler,
    vendor_suspension: vendorSuspensionHandler,
  };
  for (const [actionType, handler] of Object.entries(all)) {
    if (!hasActionHandler(actionType)) registerActionHandler(actionType, handler);
  }
}
