import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import type { Auth } from './auth';

/** What tests use to talk to a better-auth instance over HTTP, as a browser or script would. */
export const TEST_APP_URL = 'http://localhost:3000';

export interface AuthRequestOptions {
  body?: unknown;
  /** The address our server would have resolved from the socket. */
  clientAddress?: string;
  cookie?: string;
  method?: string;
  headers?: Record<string, string>;
}

export function authRequest(auth: Auth, path: string, options: AuthRequestOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.clientAddress) headers.set(CLIENT_ADDRESS_HEADER, options.clientAddress);
  if (options.cookie) {
    headers.set('cookie', options.cookie);
    headers.set('origin', TEST_APP_URL);
  }
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  return auth.handler(
    new Request(`${TEST_APP_URL}/api/auth${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
}

/** The session cookie of a sign-in response, ready to send back. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.includes('session_token='));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie;
}
