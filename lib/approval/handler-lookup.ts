import { UnknownActionTypeError } from './errors';
import { getActionHandler, type NormalizedHandler } from './registry';

/**
 * Registers the domain handlers on first use, so a route module never sees an empty registry.
 * The one dynamic import left in the engine: handlers-registry imports the domains, which import
 * the engine. A composition root that registers the handlers at start-up replaces it.
 */
export async function ensureHandlersRegistered(): Promise<void> {
  const { initializeApprovalHandlers } = await import('./handlers-registry');
  initializeApprovalHandlers();
}

export async function requireHandler(actionType: string): Promise<NormalizedHandler> {
  await ensureHandlersRegistered();
  const handler = getActionHandler(actionType);
  if (!handler) throw new UnknownActionTypeError(actionType);
  return handler;
}
