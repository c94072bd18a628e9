import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { DEFAULT_NEXT_PATH, resolveNextPath } from './next-path';

/**
 * The request header that carries the path (with query) of the page being rendered. Next gives
 * server components no request URL, so the request interceptor (proxy.ts) sets it on every request,
 * replacing whatever a client sent.
 */
export const REQUEST_PATH_HEADER = 'x-portal-path';

export const SIGN_IN_PATH = '/sign-in';

/** `/sign-in`, with `next` set to the page the visitor asked for when it is worth coming back to. */
export function signInPathFor(requestHeaders: Headers, appUrl: string): string {
  const next = resolveNextPath(requestHeaders.get(REQUEST_PATH_HEADER), appUrl);
  return next === DEFAULT_NEXT_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

/** For requireUser(): the sign-in path for the request being rendered. */
export async function currentSignInPath(): Promise<string> {
  return signInPathFor(await headers(), env().APP_URL);
}
