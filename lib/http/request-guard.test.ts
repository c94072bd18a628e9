import { describe, expect, it } from 'vitest';
import { crossSiteReason, hasNul, isJsonContentType, isOwnOrigin, malformedUrlReason } from './request-guard';

describe('malformedUrlReason', () => {
  it('lets ordinary paths and queries through, Korean and escapes included', () => {
    expect(malformedUrlReason('/vendors', '?q=%ED%95%9C%EB%B9%9B')).toBeNull();
    expect(malformedUrlReason('/approval/log/AP-1_2', '')).toBeNull();
    expect(malformedUrlReason('/api/approvals', '?search=a+b&status=1')).toBeNull();
    expect(malformedUrlReason('/vendors', '?q=100%25')).toBeNull();
  });

  it('refuses a NUL in the path or the query, and any other control character in the path', () => {
    expect(malformedUrlReason('/api/approvals', '?search=a%00b')).toMatch(/제어 문자/);
    expect(malformedUrlReason('/approval/log/%00', '')).toMatch(/제어 문자/);
    expect(malformedUrlReason('/approval/log/a%0D%0Ab', '')).toMatch(/제어 문자/);
    expect(malformedUrlReason('/vendors/%7F', '')).toMatch(/제어 문자/);
  });

  it('lets a query carry a tab or a line break (text people paste), which later layers judge', () => {
    expect(malformedUrlReason('/sign-in', '?next=/%09/evil.example/y')).toBeNull();
    expect(malformedUrlReason('/vendors', '?q=%EA%B0%80%09%EB%82%98')).toBeNull();
  });

  it('refuses percent-encoding that does not decode', () => {
    expect(malformedUrlReason('/api/approvals/%E0%A4%A', '')).toMatch(/퍼센트 인코딩/);
    expect(malformedUrlReason('/vendors', '?q=%zz')).toMatch(/퍼센트 인코딩/);
    expect(malformedUrlReason('/vendors', '?q=%C3')).toMatch(/퍼센트 인코딩/);
  });
});

describe('hasNul', () => {
  it('flags a NUL anywhere and nothing else', () => {
    expect(hasNul('a\u0000b')).toBe(true);
    expect(hasNul('\u0000')).toBe(true);
    expect(hasNul('첫 줄\n둘째 줄\r\n\t끝\u000c')).toBe(false);
  });
});

describe('origin checks', () => {
  const own = 'http://localhost:3000';
  it('accepts only the exact own origin', () => {
    expect(isOwnOrigin('http://localhost:3000', own)).toBe(true);
    expect(isOwnOrigin('http://localhost:3000', 'http://localhost:3000/some/path')).toBe(true);
    for (const other of [
      null,
      '',
      'null',
      'http://localhost:3001',
      'https://localhost:3000',
      'http://evil.example',
    ]) {
      expect(isOwnOrigin(other, own), String(other)).toBe(false);
    }
  });

  it('names a cross-site or same-site browser request and a foreign Origin', () => {
    const headers = (init: Record<string, string>) => new Headers(init);
    expect(crossSiteReason(headers({}), own)).toBeNull();
    expect(crossSiteReason(headers({ 'sec-fetch-site': 'same-origin', origin: own }), own)).toBeNull();
    expect(crossSiteReason(headers({ 'sec-fetch-site': 'none' }), own)).toBeNull();
    expect(crossSiteReason(headers({ 'sec-fetch-site': 'cross-site' }), own)).toMatch(/cross-site/);
    expect(crossSiteReason(headers({ 'sec-fetch-site': 'same-site' }), own)).toMatch(/same-site/);
    expect(crossSiteReason(headers({ origin: 'null' }), own)).toMatch(/null/);
    expect(crossSiteReason(headers({ origin: 'http://evil.example' }), own)).toMatch(/evil/);
  });
});

describe('isJsonContentType', () => {
  it('accepts application/json with parameters, nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    for (const other of [null, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      expect(isJsonContentType(other), String(other)).toBe(false);
    }
  });
});
