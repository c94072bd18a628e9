import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { REQUEST_PATH_HEADER } from '@/lib/http/request-path';
import { DEFAULT_NEXT_PATH, resolveNextPath } from './next-path';

export const SIGN_IN_PATH = '/sign-in';

/** Next's own cache-busting parameter on RSC requests; not part of the page's address. */
const INTERNAL_SEARCH_PARAMS = ['_rsc'];

/** `/sign-in`, with `next` set to the page the visitor asked for when it is worth coming back to. */
export function signInPathFor(requestHeaders: Headers, appUrl: string): string {
  const safe = resolveNextPath(requestHeaders.get(REQUEST_PATH_HEADER), appUrl);
  if (safe === DEFAULT_NEXT_PATH) return SIGN_IN_PATH;
  const url = new URL(safe, appUrl);
  for (const name of INTERNAL_SEARCH_PARAMS) url.searchParams.delete(name);
  const next = `${url.pathname}${url.search}`;
  return next === DEFAULT_NEXT_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

/** For requireUser(): the sign-in path for the request being rendered. */
export async function currentSignInPath(): Promise<string> {
  return signInPathFor(await headers(), env().APP_URL);
}
