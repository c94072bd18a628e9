import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  createNonce,
  EMPTY_STYLE_HASH,
  SONNER_STYLE_HASH,
  STATIC_SECURITY_HEADERS,
  strictTransportSecurity,
} from './security-headers';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((part) => part.split(' ')[0] === name)
    ?.split(' ')
    .slice(1);

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy({ nonce: 'abc123', development: false, https: false });

  it('allows only nonced scripts and what they load, nothing inline, no eval', () => {
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('forbids framing, plugins, foreign base URLs and form targets', () => {
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'self'"]);
    expect(directive(policy, 'form-action')).toEqual(["'self'"]);
  });

  it('allows inline style attributes but style elements only by nonce or hash', () => {
    expect(directive(policy, 'style-src')).toEqual([
      "'self'",
      "'nonce-abc123'",
      SONNER_STYLE_HASH,
      EMPTY_STYLE_HASH,
    ]);
    expect(directive(policy, 'style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('upgrades insecure requests only over https, and allows eval only in development', () => {
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'n', development: false, https: true })).toContain(
      'upgrade-insecure-requests',
    );
    expect(
      directive(contentSecurityPolicy({ nonce: 'n', development: true, https: false }), 'script-src'),
    ).toContain("'unsafe-eval'");
  });
});

describe('the sonner stylesheet hash', () => {
  it('matches the stylesheet the installed sonner inserts', () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve('sonner'), 'utf8');
    const literal = /__insertCSS\(("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
    expect(literal, 'sonner no longer inserts its stylesheet with __insertCSS').toBeDefined();
    const hash = createHash('sha256').update(JSON.parse(literal!)).digest('base64');
    expect(SONNER_STYLE_HASH).toBe(`'sha256-${hash}'`);
    expect(EMPTY_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update('').digest('base64')}'`);
  });
});

describe('other headers', () => {
  it('deny framing and sniffing, keep referrers to the origin, switch off device features', () => {
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(STATIC_SECURITY_HEADERS['Permissions-Policy']).toContain(`${feature}=()`);
    }
  });

  it('sends HSTS only for an https APP_URL', () => {
    expect(strictTransportSecurity('http://localhost:3000')).toBeNull();
    expect(strictTransportSecurity('https://portal.example.com')).toMatch(/^max-age=\d{7,}/);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    expect(Buffer.from([...nonces][0]!, 'base64')).toHaveLength(16);
  });
});
