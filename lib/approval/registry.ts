import { processSingleton } from '@/lib/process-singleton';
import type { ApprovalAction, ApprovalFeature } from './feature';
import type { ActionHandler, ActionHandlerDefinition, RegisteredHandlerInfo, RiskLevel } from './types';

export interface NormalizedHandler extends ActionHandlerDefinition {
  risk: RiskLevel;
}

interface Registered {
  handler: NormalizedHandler;
  /** Set when the type came in through a feature manifest (the MCP tools read it). */
  action?: ApprovalAction;
}

// One per process: Next bundles route modules separately, and what the composition root registers
// at start-up must be visible to every one of them (and survive hot reload).
const registered = () => processSingleton('approval-handlers', () => new Map<string, Registered>());

const ACTION_TYPE = /^[a-z][a-z0-9_]*$/;

function add(actionType: string, entry: Registered): void {
  if (!ACTION_TYPE.test(actionType)) {
    throw new TypeError(`Action type must be snake_case letters and digits: "${actionType}"`);
  }
  const map = registered();
  if (map.has(actionType)) throw new Error(`Approval action handler already registered: ${actionType}`);
  if (typeof entry.handler.execute !== 'function') {
    throw new TypeError(`Approval action handler for ${actionType} has no execute function`);
  }
  map.set(actionType, entry);
}

/**
 * Registers what runs when a Knox document of `actionType` is approved. A plain function is an
 * `execute` with risk HIGH. Registering a type twice is a programming error and throws. Features
 * come in through registerApprovalFeature; this is for handlers without a request (tests, benches).
 */
export function registerActionHandler<P>(actionType: string, handler: ActionHandler<P>): void {
  const definition = (
    typeof handler === 'function' ? { execute: handler } : handler
  ) as ActionHandlerDefinition;
  add(actionType, { handler: { ...definition, risk: definition.risk ?? 'HIGH' } });
}

/** Registers every action of a feature manifest (handler, risk, title and MCP tool). Throws when one is taken. */
export function registerApprovalFeature(feature: ApprovalFeature): void {
  for (const action of feature.actions) {
    const { prepare, execute, compensate } = action.handler;
    add(action.actionType, {
      handler: { prepare, execute, compensate, risk: action.risk, title: action.title },
      action,
    });
  }
}

export function getActionHandler(actionType: string): NormalizedHandler | undefined {
  return registered().get(actionType)?.handler;
}

export function hasActionHandler(actionType: string): boolean {
  return registered().has(actionType);
}

export function getRegisteredHandlers(): RegisteredHandlerInfo[] {
  return [...registered()].map(([actionType, { handler }]) => ({
    actionType,
    risk: handler.risk,
    ...(handler.title ? { title: handler.title } : {}),
  }));
}

/** The manifest actions registered, in registration order. */
export function getRegisteredActions(): ApprovalAction[] {
  return [...registered().values()].flatMap(({ action }) => (action ? [action] : []));
}

/** The Korean title of an action type, or the type itself when nothing registered one. */
export function actionTitle(actionType: string): string {
  return registered().get(actionType)?.handler.title ?? actionType;
}
