import { watchApprovalDocument } from '@/lib/approval';
import type { Viewer } from './events';
import type { LiveHub, LiveMessage } from './hub';
import { HEARTBEAT_FRAME, LIVE_RETRY_MS, messageFrame, sseFrame } from './sse';

/** Often enough for proxies that close idle connections after 30–60 s. */
export const HEARTBEAT_MS = 20_000;
/**
 * A stream ends after this long (spread by up to a fifth, so that streams opened together do not
 * all come back together): the browser reconnects with Last-Event-ID and the route checks the
 * session again, so a signed-out or demoted user stops receiving within minutes.
 */
export const STREAM_LIFETIME_MS = 5 * 60_000;

export interface LiveStreamOptions {
  /** A document the viewer has open (already authorised): checked at the live-poll interval. */
  watch?: string;
  lastEventId?: string | null;
  /** The request's signal: the browser going away ends the stream and releases the watch. */
  signal: AbortSignal;
  /** Default STREAM_LIFETIME_MS, spread. */
  lifetimeMs?: number;
}

/**
 * The `text/event-stream` response for one viewer, or null when that viewer already holds the
 * most streams allowed. Nothing here touches the database: the hub is fed by the one LISTEN.
 */
export function liveStreamResponse(
  hub: LiveHub,
  viewer: Viewer,
  options: LiveStreamOptions,
): Response | null {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let ended = false;
  const pending: string[] = [];
  const write = (text: string) => {
    if (ended) return;
    if (!controller) {
      pending.push(text);
      return;
    }
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  const subscription = hub.subscribe(
    viewer,
    (message: LiveMessage) => write(messageFrame(message)),
    options.lastEventId,
  );
  if (!subscription) return null;
  const release = options.watch ? watchApprovalDocument(options.watch) : undefined;
  const heartbeat = setInterval(() => write(HEARTBEAT_FRAME), HEARTBEAT_MS);
  heartbeat.unref();
  const lifetime = setTimeout(
    () => end(),
    options.lifetimeMs ?? STREAM_LIFETIME_MS * (1 - Math.random() / 5),
  );
  lifetime.unref();
  function end(): void {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    subscription!.close();
    release?.();
    options.signal.removeEventListener('abort', end);
    try {
      controller?.close();
    } catch {
      // already closed by the client going away
    }
  }
  options.signal.addEventListener('abort', end, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      controller.enqueue(encoder.encode(sseFrame({ retry: LIVE_RETRY_MS })));
      for (const text of pending.splice(0)) controller.enqueue(encoder.encode(text));
      // The head id after any replay: a reconnect names where it left off even when no event came.
      controller.enqueue(encoder.encode(sseFrame({ id: subscription.headId, event: 'ready', data: {} })));
      if (options.signal.aborted) end();
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    },
  });
}
