import { UnknownActionTypeError } from './errors';
import { getActionHandler, type NormalizedHandler } from './registry';

/** The handler the composition root (lib/server/approval-features.ts) registered for `actionType`. */
export function requireHandler(actionType: string): NormalizedHandler {
  const handler = getActionHandler(actionType);
  if (!handler) throw new UnknownActionTypeError(actionType);
  return handler;
}
