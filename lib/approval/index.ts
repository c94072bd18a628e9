/**
 * The approval engine: wraps business actions in Knox approvals (withApproval), executes them
 * exactly once when approved, compensates when not, and polls Knox for decisions.
 */
export { generateApInfId } from './ap-inf-id';
export {
  checkPendingApprovals,
  checkSingleApprovalStatus,
  createPollingScheduler,
  getPollerState,
  POLLER_LEASE_NAME,
  processKnoxStatus,
  processKnoxStatuses,
  type SingleStatusResult,
  startApprovalPollingScheduler,
  stopApprovalPollingScheduler,
  syncDecidedApprovalLines,
} from './approval-polling-service';
export {
  handleRejectedAction,
  resolveFailedAction,
  retryFailedAction,
  withApproval,
  withdrawApproval,
} from './approval-workflow';
export { decisionOutcomeOf, waitForApprovalDecision } from './decision-waiter';
export * from './document-variables';
export * from './domain-helpers';
export * from './errors';
export {
  EXECUTION_BATCH_SIZE,
  type ExecutionOutcome,
  executeApprovedAction,
  executeApprovedActions,
} from './execution';
export * from './feature';
export {
  actionTitle,
  getRegisteredActions,
  getRegisteredHandlers,
  hasActionHandler,
  registerActionHandler,
  registerApprovalFeature,
} from './registry';
export {
  escapeHtml,
  findApprovalTemplateByName,
  getApprovalTemplateByName,
  htmlDescriptionList,
  htmlListConverter,
  htmlTableConverter,
  isSafeHtml,
  replaceTemplateVariables,
  type TableColumn,
} from './template-utils';
export type * from './types';
export { approvalConfigSchema, approversInputSchema, RISK_LEVELS } from './types';
