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

type LiveState = 'connecting' | 'open' | 'closed';

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
    const refresh = () => {
      if (timer) return;
      const wait = Math.max(REFRESH_DEBOUNCE_MS, lastRefreshAt + MIN_REFRESH_GAP_MS - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        lastRefreshAt = Date.now();
        router.refresh();
      }, wait);
    };
    // EventSource reconnects by itself after a dropped connection, sending Last-Event-ID (the
    // server replays what was missed or sends "reload"). An answer that is not a stream (the
    // server restarting, 503) ends it for good, so a new one is opened a little later.
    const connect = () => {
      setState('connecting');
      source = new EventSource(url);
      source.addEventListener('ready', () => setState('open'));
      source.addEventListener('approval', refresh);
      source.addEventListener('reload', refresh);
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED) return setState('connecting');
        setState('closed');
        retry = setTimeout(() => {
          refresh();
          connect();
        }, CLOSED_RETRY_MS);
      });
    };
    connect();
    return () => {
      source?.close();
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
    };
  }, [url, router]);

  return <span hidden data-testid="live-status" data-state={state} />;
}
