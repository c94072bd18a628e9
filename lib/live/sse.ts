import { eventData } from './events';
import type { LiveMessage } from './hub';

/** How long a browser waits before reconnecting a dropped stream. */
export const LIVE_RETRY_MS = 2_000;

/** One SSE frame. `data` is JSON on one line, so no payload can end a frame early. */
export function sseFrame(fields: { id?: string; event?: string; data?: unknown; retry?: number }): string {
  let frame = '';
  if (fields.retry !== undefined) frame += `retry: ${fields.retry}\n`;
  if (fields.id !== undefined) frame += `id: ${fields.id}\n`;
  if (fields.event !== undefined) frame += `event: ${fields.event}\n`;
  if (fields.data !== undefined) frame += `data: ${JSON.stringify(fields.data)}\n`;
  return `${frame}\n`;
}

export function messageFrame(message: LiveMessage): string {
  if (message.type === 'reload') return sseFrame({ id: message.id, event: 'reload', data: {} });
  return sseFrame({ id: message.event.id, event: 'approval', data: eventData(message.event) });
}

/** A comment line: keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';
