import type { z } from 'zod';
import type { ApprovalDocumentSpec } from './document-variables';
import type { ActionHandlerDefinition, ApprovalRequester, RiskLevel, WithApprovalResult } from './types';

/** What runs around a Knox decision for one action type; risk and title are the action's own. */
export type ApprovalActionHandler<P = unknown> = Omit<ActionHandlerDefinition<P>, 'risk' | 'title'>;

/** An agent may request the action over MCP; it always waits for the Knox decision. */
export interface ApprovalTool {
  name: string;
  /** Korean, shown to the agent and in the tool table. */
  description: string;
}

/**
 * Everything about one approval action type, stated once: the handler registry, the MCP gated
 * tools, the agent tool seeds, the action labels and /admin/system all read it from here.
 */
export interface ApprovalAction<P = unknown> {
  actionType: string;
  /** Korean label (결재 로그, admin pages, CLI). */
  title: string;
  risk: RiskLevel;
  /** The approval template the request fills (db/seed/templates.ts) and every placeholder it fills. */
  document: ApprovalDocumentSpec;
  requestSchema: z.ZodObject;
  /** Validates `input`, loads what the document needs and submits it through withApproval. */
  request: (input: unknown, requester: ApprovalRequester) => Promise<WithApprovalResult>;
  handler: ApprovalActionHandler<P>;
  tool?: ApprovalTool;
  /**
   * 다시 요청: the web page whose form asks for this action again, for an ended approval's payload
   * (the page reads the old input and fills its form itself), or null when there is none.
   */
  requestForm?: (payload: P) => string | null;
}

/** One feature folder's manifest: its action types (a feature may have several, e.g. 의뢰 and 재의뢰). */
export interface ApprovalFeature {
  name: string;
  actions: readonly ApprovalAction[];
}

/**
 * Types one action against its payload, then forgets the payload type so actions of different
 * features fit in one list (the engine only ever hands a handler the payload it was given).
 */
export function defineApprovalAction<P>(action: ApprovalAction<P>): ApprovalAction {
  return action as unknown as ApprovalAction;
}

export function defineApprovalFeature(feature: ApprovalFeature): ApprovalFeature {
  return feature;
}

/** The agent_tools rows of the features' MCP tools: name, risk (from the action) and description. */
export function agentToolSeedsOf(
  features: readonly ApprovalFeature[],
): Array<{ name: string; riskLevel: RiskLevel; description: string }> {
  return features.flatMap((feature) =>
    feature.actions.flatMap((action) =>
      action.tool
        ? [{ name: action.tool.name, riskLevel: action.risk, description: action.tool.description }]
        : [],
    ),
  );
}
