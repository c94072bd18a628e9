/**
 * Next's request interceptor (Next 16 `proxy`, formerly middleware): runs before every route.
 * It refuses what no route should see (unreadable URLs, form posts from other origins) and sets
 * the security headers, with a fresh CSP nonce that Next stamps on the page's scripts.
 */
import { type NextRequest, NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { type Refusal, refusalResponse, surfaceOf } from '@/lib/http/edge-refusal';
import { isOwnOrigin, malformedUrlReason } from '@/lib/http/request-guard';
import { REQUEST_PATH_HEADER } from '@/lib/http/request-path';
import {
  contentSecurityPolicy,
  createNonce,
  STATIC_SECURITY_HEADERS,
  strictTransportSecurity,
} from '@/lib/http/security-headers';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why this request is refused, or null. Pages take only one kind of write, server actions (and
 * their no-JavaScript form posts, which carry no Next-Action header): a browser always names the
 * page's origin on them, so a missing, `null` or foreign Origin is a forged request. /api checks
 * its bearer tokens and better-auth its own origins; the simulator's APIs check theirs.
 */
function refusalFor(request: NextRequest, url: URL, appUrl: string): Refusal | null {
  const badUrl = malformedUrlReason(url.pathname, url.search);
  if (badUrl) return { status: 400, code: 'INVALID_INPUT', message: badUrl };
  if (
    !SAFE_METHODS.has(request.method) &&
    surfaceOf(url.pathname) === 'page' &&
    !isOwnOrigin(request.headers.get('origin'), appUrl)
  ) {
    return { status: 403, code: 'FORBIDDEN', message: '이 포털의 화면에서 보낸 요청만 처리합니다' };
  }
  return null;
}

export function proxy(request: NextRequest) {
  const config = env();
  const url = new URL(request.url);
  const nonce = createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    development: config.NODE_ENV === 'development',
    https: config.APP_URL.startsWith('https://'),
  });

  const refusal = refusalFor(request, url, config.APP_URL);
  let response: Response;
  if (refusal) {
    response = refusalResponse(url.pathname, refusal, nonce);
  } else {
    // Next reads the nonce from the request's CSP header while rendering.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', policy);
    // Pages have no request URL; requireUser() reads this to send a signed-out visitor back here.
    requestHeaders.set(REQUEST_PATH_HEADER, `${url.pathname}${url.search}`);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }

  response.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  const hsts = strictTransportSecurity(config.APP_URL);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  // Pages show a signed-in person's data and API answers are per caller: no cache may keep them.
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

export const config = {
  // Everything but the build's hashed static files, which are the same for everyone.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
