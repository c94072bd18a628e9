/**
 * Checks a request must pass before any route sees it: a URL every layer below can read, and
 * proof that a browser request comes from the app's own pages. Pure functions of the request's
 * parts, shared by proxy.ts and the Knox simulator's control API.
 */

/** C0 control characters (NUL included) and DEL: never part of a path this app serves. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Why this path and query string cannot be served, or null when they can. A NUL reaching
 * PostgreSQL fails the whole statement (and its error names the SQL), and a broken percent-escape
 * makes Next's own decoding throw: both are refused here, as bad input, before either happens. A
 * path holds no control character at all; a query is text a person typed or pasted (a tab from a
 * spreadsheet, a hostile `next` that sign-in resolves safely), so only its NUL is refused.
 */
export function malformedUrlReason(pathname: string, search: string): string | null {
  const decoded: string[] = [];
  for (const part of [pathname, search]) {
    try {
      decoded.push(decodeURIComponent(part.replace(/\+/g, ' ')));
    } catch {
      return '주소의 퍼센트 인코딩이 올바르지 않습니다';
    }
  }
  const [path = '', query = ''] = decoded;
  if (CONTROL_CHARACTER.test(path) || hasNul(query)) return '주소에 제어 문자(NUL 등)가 들어 있습니다';
  return null;
}

/**
 * True when a string holds a NUL: PostgreSQL text cannot store one, so it would fail the statement.
 * Other control characters are stored as they are (a document body may carry a form feed).
 */
export const hasNul = (value: string): boolean => value.includes('\u0000');

/** The origin (scheme://host:port) of a URL, or null when it is not an absolute http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** True when the request's Origin header names exactly the app's own origin (`null` never does). */
export function isOwnOrigin(originHeader: string | null, ownOrigin: string): boolean {
  if (!originHeader) return false;
  return originOf(originHeader) === originOf(ownOrigin);
}

/**
 * Why a request is a cross-site browser request, or null. Browsers say so in `Sec-Fetch-Site`
 * (sent on every request by current browsers) and in `Origin` (sent on every POST); programs such
 * as the CLI and tests send neither, and are judged by their credentials instead.
 */
export function crossSiteReason(headers: Headers, ownOrigin: string): string | null {
  const site = headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return `a ${site} browser request`;
  const origin = headers.get('origin');
  if (origin !== null && !isOwnOrigin(origin, ownOrigin)) return `a request from origin ${origin}`;
  return null;
}

/** True for `application/json`, with or without parameters such as charset. */
export function isJsonContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
