'use client';
import { toast } from 'sonner';
import type { ActionResult } from './result';

/**
 * Turns an action result into exactly one toast line: the success text, or the failure heading
 * with the server's reason. Returns the data on success so callers can continue.
 */
export function toastActionResult<T>(
  result: ActionResult<T>,
  messages: { success: string | ((data: T) => string); failure: string },
): T | undefined {
  if (result.ok) {
    toast.success(typeof messages.success === 'function' ? messages.success(result.data) : messages.success);
    return result.data;
  }
  toast.error(`${messages.failure} ${result.error.message}`);
  return undefined;
}
