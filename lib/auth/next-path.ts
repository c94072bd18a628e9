/** Where a sign-in lands when `next` is absent or refused. */
export const DEFAULT_NEXT_PATH = '/';

const MAX_NEXT_LENGTH = 2048;
// Backslashes and control characters are what browsers and URL parsers disagree on: `/\evil`,
// `/<TAB>/evil` and their percent-encoded forms turn into `//evil` somewhere along the way.
const AMBIGUOUS = /[\\\p{Cc}]/u;

/** `value` percent-decoded until it stops changing; null when it is not valid percent-encoding. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 5; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return null;
}

/**
 * The path to follow after sign-in: `next` resolved against APP_URL, kept only when it is a plain
 * path on the portal's own origin — in every encoding a browser or a proxy might decode it to.
 * Anything else lands on `/`.
 */
export function resolveNextPath(next: unknown, appUrl: string): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT_LENGTH)
    return DEFAULT_NEXT_PATH;
  const decoded = fullyDecoded(next);
  if (decoded === null) return DEFAULT_NEXT_PATH;
  for (const form of [next, decoded]) {
    if (!form.startsWith('/') || form.startsWith('//') || AMBIGUOUS.test(form)) return DEFAULT_NEXT_PATH;
  }
  const origin = new URL(appUrl).origin;
  let resolved: URL;
  try {
    resolved = new URL(next, origin);
  } catch {
    return DEFAULT_NEXT_PATH;
  }
  if (resolved.origin !== origin || new URL(decoded, origin).origin !== origin) return DEFAULT_NEXT_PATH;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Never send someone back to the sign-in page itself.
  return resolved.pathname === '/sign-in' ? DEFAULT_NEXT_PATH : path;
}
