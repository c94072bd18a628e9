import {
  type ApprovalFeature,
  agentToolSeedsOf,
  hasActionHandler,
  registerApprovalFeature,
  registerApprovalLinePolicy,
} from '@/lib/approval';
import { ruleLinePolicy } from '@/lib/approval-lines/policy';
import { vendorInvestigationFeature } from '@/lib/vendor-investigation/feature';
import { vendorRegistrationFeature } from '@/lib/vendor-registration/feature';
import { vendorSuspensionFeature } from '@/lib/vendor-suspension/feature';

/**
 * The composition root of the approval features: the one list the engine, the MCP tools, the tool
 * seeds and the admin pages learn the action types from. A new feature is one line here.
 */
export const APPROVAL_FEATURES: readonly ApprovalFeature[] = [
  vendorInvestigationFeature,
  vendorRegistrationFeature,
  vendorSuspensionFeature,
];

/**
 * Registers every feature's actions with the engine. Idempotent, so every entry point (server
 * start-up, test set-up, bench and reliability workers, scripts) may call it without coordinating.
 */
export function registerApprovalFeatures(): void {
  // Every feature action's line comes from its rule (approval_line_rules), whoever calls.
  registerApprovalLinePolicy(
    ruleLinePolicy(
      APPROVAL_FEATURES.flatMap((feature) => feature.actions.map((action) => action.actionType)),
    ),
  );
  for (const feature of APPROVAL_FEATURES) {
    if (feature.actions.every((action) => hasActionHandler(action.actionType))) continue;
    registerApprovalFeature(feature);
  }
}

/** The agent_tools rows of the features' MCP tools (risk as each manifest states it). */
export const approvalToolSeeds = () => agentToolSeedsOf(APPROVAL_FEATURES);
