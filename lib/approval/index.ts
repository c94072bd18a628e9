/**
 * The approval engine: wraps business actions in Knox approvals (withApproval), executes them
 * exactly once when approved, compensates when not, and polls Knox for decisions.
 * Domains, the API, MCP and the UI import the engine from here only.
 */
export { APPROVER_ACTS, type ApproverAct } from './approver-acts';
export { resolveFailedAction, retryFailedAction } from './commands/admin';
export { checkSingleApprovalStatus, type SingleStatusResult } from './commands/refresh';
export { withApproval } from './commands/with-approval';
export { withdrawApproval } from './commands/withdraw';
export { generateApInfId } from './document/ap-inf-id';
export * from './document/template-utils';
export * from './document-variables';
export * from './domain-helpers';
export * from './errors';
export * from './feature';
export { type ApprovalLinePolicy, registerApprovalLinePolicy } from './line-policy';
export { APPROVAL_EVENTS } from './model';
export { processKnoxStatuses } from './poller/apply-answers';
export { checkPendingApprovals } from './poller/cycle';
export {
  decisionOutcomeOf,
  liveCheckedIds,
  waitForApprovalDecision,
  watchApprovalDocument,
} from './poller/decision-waiter';
export { POLLER_LEASE_NAME } from './poller/lease';
export { syncDecidedApprovalLines } from './poller/line-sync';
export {
  createPollingScheduler,
  getPollerState,
  startApprovalPollingScheduler,
  stopApprovalPollingScheduler,
} from './poller/scheduler';
export { processKnoxStatus } from './reconcile/process';
export {
  actionTitle,
  getRegisteredActions,
  getRegisteredHandlers,
  hasActionHandler,
  registerActionHandler,
  registerApprovalFeature,
} from './registry';
export { REPLACEABLE_STATUSES } from './replaces';
export { DECISION_CHANNEL } from './store';
export {
  EXECUTION_BATCH_SIZE,
  type ExecutionOutcome,
  executeApprovedAction,
  executeApprovedActions,
} from './transitions/execute';
export { handleRejectedAction } from './transitions/finish';
export type * from './types';
export { approvalConfigSchema, approversInputSchema, RISK_LEVELS, replacesInputSchema } from './types';
