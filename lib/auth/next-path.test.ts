import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveNextPath } from './next-path';

const APP_URL = 'http://portal.example:3000';
const ORIGIN = new URL(APP_URL).origin;

/** Whether a browser at the portal following `path` (decoded once or not at all) stays on the portal. */
function staysOnPortal(path: string): boolean {
  const forms = [path];
  try {
    forms.push(decodeURIComponent(path));
  } catch {
    // not decodable: the raw form is all a browser has
  }
  return forms.every((form) => {
    try {
      return new URL(form, APP_URL).origin === ORIGIN;
    } catch {
      return false;
    }
  });
}

describe('resolveNextPath', () => {
  it('follows plain paths on the portal', () => {
    expect(resolveNextPath('/vendors/4', APP_URL)).toBe('/vendors/4');
    expect(resolveNextPath('/approval/log?status=pending#top', APP_URL)).toBe(
      '/approval/log?status=pending#top',
    );
    expect(resolveNextPath('/vendors?q=%ED%95%9C%EB%B9%9B', APP_URL)).toBe('/vendors?q=%ED%95%9C%EB%B9%9B');
  });

  it.each([
    '/%5Cevil.example/x',
    '/%5cevil.example/x',
    '/%255Cevil.example/x',
    '/\\evil.example/x',
    '/%09/evil.example/y',
    '/\t/evil.example/y',
    '/%0a/evil.example',
    '/%2F/evil.example',
    '/%2f%2fevil.example',
    '//evil',
    '//evil.example/x',
    '///evil.example',
    'https://evil',
    'https:evil.example',
    'http://portal.example:3000.evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'javascript%3Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    ' /vendors',
    'vendors/4',
    '%2Fvendors',
    '/%E0%A4%A',
    '/sign-in?next=//evil',
    '',
    undefined,
    ['/vendors/4'],
  ])('refuses %j and lands on /', (next) => {
    expect(resolveNextPath(next, APP_URL)).toBe('/');
  });

  it('never leads off the portal, whatever the input (property)', () => {
    const attack = fc.tuple(
      fc.constantFrom(
        '',
        '/',
        '//',
        '/\\',
        '\\',
        '/%5C',
        '/%5c',
        '/%2F',
        '/%2f',
        '/%09/',
        '/\t/',
        '%2F%2F',
        'https:',
        'javascript:',
        '/%252F',
        '/.',
      ),
      fc.constantFrom('', 'evil.example', '@evil.example', 'portal.example:3000', '%40evil.example'),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          attack.map((parts) => parts.join('')),
        ),
        (next) => {
          const path = resolveNextPath(next, APP_URL);
          expect(path.startsWith('/')).toBe(true);
          expect(path.startsWith('//')).toBe(false);
          expect(path).not.toMatch(/[\\\p{Cc}]/u);
          expect(staysOnPortal(path)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
