import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { proxy } from './proxy';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function run(
  url: string,
  init: { method?: string; headers?: Record<string, string> } = {},
  appUrl = 'http://localhost:3000',
) {
  process.env.APP_URL = appUrl;
  resetEnvCache();
  return proxy(new NextRequest(url, init));
}

describe('proxy', () => {
  it('passes an ordinary request on, telling Next the nonce, with every security header', () => {
    const response = run('http://localhost:3000/vendors?q=%ED%95%9C%EB%B9%9B');
    expect(response.headers.get('x-middleware-next')).toBe('1');
    const csp = response.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    // Next reads the nonce from the CSP header of the request it renders.
    expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(response.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('adds HSTS and upgrade-insecure-requests when APP_URL is https', () => {
    const response = run('https://portal.example.com/', {}, 'https://portal.example.com');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('refuses a NUL or broken escape with the REST envelope under /api and a Korean page elsewhere', async () => {
    const api = run('http://localhost:3000/api/approvals?search=a%00b');
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('제어 문자') },
    });
    expect(api.headers.get('x-middleware-next')).toBeNull();
    const page = run('http://localhost:3000/approval/log/%E0%A4%A');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('요청을 처리할 수 없습니다');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const sim = run('http://localhost:3000/knox-sim/sim/inbox?epId=A%00');
    expect(sim.status).toBe(400);
    expect(await sim.json()).toMatchObject({ result: 'fail', errorDetail: { errorCode: 'INVALID_INPUT' } });
  });

  it('refuses a page post (server action) whose Origin is foreign, null or missing', () => {
    const post = (headers: Record<string, string>) =>
      run('http://localhost:3000/knox-sim', {
        method: 'POST',
        headers: { 'next-action': 'abc', ...headers },
      });
    expect(post({ origin: 'https://evil.example' }).status).toBe(403);
    expect(post({ origin: 'null' }).status).toBe(403);
    expect(post({}).status).toBe(403);
    expect(post({ origin: 'http://localhost:3001' }).status).toBe(403);
    expect(post({ origin: 'http://localhost:3000' }).headers.get('x-middleware-next')).toBe('1');
    // API routes judge their own callers (bearer tokens, better-auth's origin check).
    const api = run('http://localhost:3000/api/poll', { method: 'POST' });
    expect(api.headers.get('x-middleware-next')).toBe('1');
  });
});
