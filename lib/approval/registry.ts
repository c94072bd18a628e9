import type { ActionHandler, ActionHandlerDefinition, RegisteredHandlerInfo, RiskLevel } from './types';

export interface NormalizedHandler extends ActionHandlerDefinition {
  risk: RiskLevel;
}

// On globalThis: Next bundles route modules separately, and handlers registered at start-up must be
// visible to every one of them (and survive hot reload without "registered twice" errors).
const globalKey = Symbol.for('approval-portal.approval-handlers');
type GlobalWithHandlers = typeof globalThis & { [globalKey]?: Map<string, NormalizedHandler> };

function handlers(): Map<string, NormalizedHandler> {
  const holder = globalThis as GlobalWithHandlers;
  holder[globalKey] ??= new Map();
  return holder[globalKey];
}

const ACTION_TYPE = /^[a-z][a-z0-9_]*$/;

/**
 * Registers what runs when a Knox document of `actionType` is approved. A plain function is an
 * `execute` with risk HIGH. Registering a type twice is a programming error and throws.
 */
export function registerActionHandler<P>(actionType: string, handler: ActionHandler<P>): void {
  if (!ACTION_TYPE.test(actionType)) {
    throw new TypeError(`Action type must be snake_case letters and digits: "${actionType}"`);
  }
  const map = handlers();
  if (map.has(actionType)) throw new Error(`Approval action handler already registered: ${actionType}`);
  const definition = (
    typeof handler === 'function' ? { execute: handler } : handler
  ) as ActionHandlerDefinition;
  if (typeof definition.execute !== 'function') {
    throw new TypeError(`Approval action handler for ${actionType} has no execute function`);
  }
  map.set(actionType, { ...definition, risk: definition.risk ?? 'HIGH' });
}

export function getActionHandler(actionType: string): NormalizedHandler | undefined {
  return handlers().get(actionType);
}

export function hasActionHandler(actionType: string): boolean {
  return handlers().has(actionType);
}

export function getRegisteredHandlers(): RegisteredHandlerInfo[] {
  return [...handlers()].map(([actionType, handler]) => ({
    actionType,
    risk: handler.risk,
    ...(handler.title ? { title: handler.title } : {}),
  }));
}
