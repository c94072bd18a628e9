'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { liveStreamUrl } from './watch-path';

/** Changes arriving together (a batch of decisions) cause one re-render, not one each. */
const REFRESH_DEBOUNCE_MS = 250;
/** A busy admin's stream re-renders at most this often. */
const MIN_REFRESH_GAP_MS = 1_000;
/** After a refused stream (a restart, a sign-out elsewhere): try again, gently. */
const CLOSED_RETRY_MS = 10_000;

type LiveState = 'connecting' | 'open' | 'paused' | 'closed';

/**
 * Follows the engine live: every change this user may see (the server filters the stream)
 * re-renders the current page's server components — the bell too — without a reload. On a
 * document's page the document is watched, so Knox is asked about it at the live-poll interval.
 */
export function LiveRefresh() {
  const router = useRouter();
  const url = liveStreamUrl(usePathname());
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let lastRefreshAt = 0;
    /** The last event id seen, for a stream opened anew (EventSource sends it only on its own reconnects). */
    let lastEventId = '';
    const refresh = () => {
      if (timer) return;
      const wait = Math.max(REFRESH_DEBOUNCE_MS, lastRefreshAt + MIN_REFRESH_GAP_MS - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        lastRefreshAt = Date.now();
        router.refresh();
      }, wait);
    };
    const remember = (event: MessageEvent) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
    };
    const disconnect = () => {
      source?.close();
      source = undefined;
      if (retry) clearTimeout(retry);
      retry = undefined;
    };
    // EventSource reconnects by itself after a dropped connection, sending Last-Event-ID (the
    // server replays what was missed or sends "reload"). An answer that is not a stream (the
    // server restarting, 503) ends it for good, so a new one is opened a little later.
    const connect = () => {
      disconnect();
      setState('connecting');
      const resume = lastEventId
        ? `${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`
        : '';
      const opened = new EventSource(url + resume);
      source = opened;
      opened.addEventListener('ready', (event) => {
        remember(event);
        setState('open');
      });
      for (const name of ['approval', 'reload']) {
        opened.addEventListener(name, (event) => {
          remember(event);
          refresh();
        });
      }
      opened.addEventListener('error', () => {
        if (opened.readyState !== EventSource.CLOSED) return setState('connecting');
        setState('closed');
        retry = setTimeout(connect, CLOSED_RETRY_MS);
      });
    };
    // A hidden tab gives its connection back (browsers allow only six per site over HTTP/1.1, and
    // its document stops being watched); shown again, it resumes from the last event it had.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        disconnect();
        setState('paused');
      } else if (!source) connect();
    };
    document.addEventListener('visibilitychange', onVisibility);
    if (document.visibilityState !== 'hidden') connect();
    else setState('paused');
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [url, router]);

  return <span hidden data-testid="live-status" data-state={state} />;
}
