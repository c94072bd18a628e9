/**
 * The security headers of every response the app renders (set by proxy.ts). The policy follows
 * Next's documented nonce pattern: the nonce is fresh per request, and Next stamps it on its own
 * scripts while rendering, so no page may be prerendered (app/layout.tsx).
 */

/**
 * sonner (the toasts) appends its stylesheet as a `<style>` element from JavaScript and takes no
 * nonce, so its exact text is allowed by hash. security-headers.test.ts recomputes the hash from
 * the installed sonner: an upgrade that changes the stylesheet fails there, not silently in a browser.
 */
export const SONNER_STYLE_HASH = "'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='";

/**
 * sonner appends its `<style>` before filling it, and the browser checks the element when it is
 * still empty: the hash of the empty string lets that moment pass (an empty stylesheet does nothing).
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

export interface PolicyOptions {
  nonce: string;
  /** `next dev`: React's debugging needs eval, and the dev overlay injects styles without a nonce. */
  development: boolean;
  /** APP_URL is https: browsers are told to upgrade any http subresource. */
  https: boolean;
}

/**
 * The Content-Security-Policy.
 *
 * Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic'); no
 * inline handlers, no eval, no other origin. Style elements: the same-origin stylesheet (Tailwind),
 * nonced ones, and sonner's by hash. Style *attributes* are allowed ('unsafe-inline' in
 * style-src-attr only): approval documents carry simple inline styles (table widths, text-align,
 * borders) that the document sanitizer allow-lists property by property, and React renders `style`
 * props as attributes on the server. A style attribute cannot run script; the sanitizer keeps out
 * what could do harm there (url(), position:fixed).
 */
export function contentSecurityPolicy({ nonce, development, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    development
      ? "style-src 'self' 'unsafe-inline'"
      : `style-src 'self' 'nonce-${nonce}' ${SONNER_STYLE_HASH} ${EMPTY_STYLE_HASH}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Powerful browser features the portal never uses, switched off for it and anything it embeds. */
const DISABLED_FEATURES = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
];

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // frame-ancestors says the same to current browsers; this is for those that predate it.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': DISABLED_FEATURES.map((feature) => `${feature}=()`).join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** HSTS, only when the app is served over https (on http a browser ignores it, and it would mislead). */
export function strictTransportSecurity(appUrl: string): string | null {
  return appUrl.startsWith('https://') ? 'max-age=31536000' : null;
}

/** A nonce a page's scripts must carry: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
