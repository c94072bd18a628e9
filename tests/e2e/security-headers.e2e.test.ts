/**
 * The edge of the built app as an attacker meets it: security headers on pages, API answers and
 * the simulator's inbox; a page on another origin that tries to frame the inbox or to approve a
 * document through the simulator's control API; forged server-action posts; URLs carrying a NUL
 * or broken percent-encoding.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Request as BrowserRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { submitBody } from '@/lib/knox-simulator/test-fixtures';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, signInContext, takeCspViolations } from './browser';

const baseUrl = e2eBaseUrl();
const knox = `${baseUrl}/knox-sim/approval/api/v2.0/approvals`;
const knoxHeaders = {
  'System-ID': SIMULATOR_SYSTEM_ID,
  Authorization: `Bearer ${SIMULATOR_TOKEN}`,
  'Content-Type': 'application/json',
};
const ADMIN_TOKEN = { Authorization: 'Bearer demo-admin' };
let browser: Browser;
let attacker: Server;
let attackerUrl: string;
/** What the attacker's server serves at /page; set by each test. */
let attackerPage = '';
let sessionCookie: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // The other origin: same host, another port (same-site to the browser, so cookies would flow).
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(attackerPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ email: 'kim.employee@example.com', password: 'demo1234!' }),
  });
  expect(signIn.status).toBe(200);
  sessionCookie = signIn.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

async function submitToKnox(apInfId: string) {
  const response = await fetch(`${knox}/submit`, {
    method: 'POST',
    headers: knoxHeaders,
    body: JSON.stringify(
      submitBody(apInfId, [
        { epId: 'E1001', seq: 0, role: 0 },
        { epId: 'A2001', seq: 1, role: 1 },
      ]),
    ),
  });
  expect(await response.json()).toMatchObject({ result: 'success' });
}

async function knoxStatus(apInfId: string): Promise<string> {
  const response = await fetch(`${knox}/status`, {
    method: 'POST',
    headers: knoxHeaders,
    body: JSON.stringify([{ apinfid: apInfId }]),
  });
  const body = (await response.json()) as { data: Array<{ status: string }> };
  return body.data[0]!.status;
}

function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of [
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('permissions-policy'), what).toMatch(
    /camera=\(\).*geolocation=\(\).*microphone=\(\)/,
  );
  // APP_URL is http here: no HSTS.
  expect(response.headers.get('strict-transport-security'), what).toBeNull();
  expect(response.headers.get('cache-control'), what).toMatch(/no-store/);
}

describe('security headers', () => {
  it('are on a page, with a fresh nonce that the page’s scripts carry', async () => {
    const first = await fetch(`${baseUrl}/sign-in`);
    const second = await fetch(`${baseUrl}/sign-in`);
    expectSecurityHeaders(first, '/sign-in');
    const nonceOf = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    const nonce = nonceOf(first)!;
    expect(nonce).not.toBe(nonceOf(second));
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });

  it('are on API answers, public and authenticated', async () => {
    expectSecurityHeaders(await fetch(`${baseUrl}/api/health`), '/api/health');
    const approvals = await fetch(`${baseUrl}/api/approvals`, { headers: ADMIN_TOKEN });
    expect(approvals.status).toBe(200);
    expectSecurityHeaders(approvals, '/api/approvals');
  });

  it('are on the signed-in Knox simulator inbox and its control API', async () => {
    const inbox = await fetch(`${baseUrl}/knox-sim?as=A2001`, { headers: { cookie: sessionCookie } });
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain('결재 대기');
    expectSecurityHeaders(inbox, '/knox-sim');
    expectSecurityHeaders(
      await fetch(`${baseUrl}/knox-sim/sim/inbox?epId=A2001`, { headers: knoxHeaders }),
      '/knox-sim/sim/inbox',
    );
  });

  it('keep a page on another origin from framing the inbox, even for a signed-in user', async () => {
    const context = await browser.newContext();
    await signInContext(context, baseUrl, 'choi.teamlead@example.com');
    const page = await context.newPage();
    attackerPage = `<!doctype html><h1>free coupons</h1><iframe id="victim" src="${baseUrl}/knox-sim?as=A2001" width="800" height="600"></iframe>`;
    // The frame's own document must never load: Chromium shows its error page instead.
    const framedResponse = page.waitForResponse((response) =>
      response.url().startsWith(`${baseUrl}/knox-sim`),
    );
    await page.goto(`${attackerUrl}/page`);
    expect((await framedResponse).status()).toBe(200);
    await page.waitForTimeout(500);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(frame, 'the iframe element has a frame').toBeDefined();
    expect(frame!.url()).not.toContain('/knox-sim');
    const inboxTexts = await Promise.all(
      page.frames().map((candidate) =>
        candidate
          .locator('text=결재 대기')
          .count()
          .catch(() => 0),
      ),
    );
    expect(inboxTexts.every((count) => count === 0)).toBe(true);
    await context.close();
  });
});

describe('the simulator control API from another site', () => {
  it('refuses the cross-site text/plain POST that used to approve a document', async () => {
    const apInfId = `e2e-csrf-${Date.now().toString(36)}`;
    await submitToKnox(apInfId);
    const context = await browser.newContext();
    await signInContext(context, baseUrl, 'choi.teamlead@example.com');
    const page = await context.newPage();
    const body = JSON.stringify({ apInfId, epId: 'A2001', action: 'approve', opinion: 'csrf' });
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/knox-sim/sim/')) answers.push(response.status());
    });
    // Both ways a page can post without a preflight: fetch(no-cors) and a text/plain form.
    attackerPage = `<!doctype html>
<form id="f" method="post" enctype="text/plain" action="${baseUrl}/knox-sim/sim/act">
<input name='${body.slice(0, -1)},"pad":"' value='"}'>
</form>
<script>
fetch(${JSON.stringify(`${baseUrl}/knox-sim/sim/act`)}, {
  method: 'POST', mode: 'no-cors', credentials: 'include',
  headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(body)},
}).finally(() => document.getElementById('f').submit());
</script>`;
    await page.goto(`${attackerUrl}/page`);
    await page.waitForURL(`${baseUrl}/knox-sim/sim/act`);
    expect(answers).toEqual([403, 403]);
    expect(await knoxStatus(apInfId)).toBe('1');
    await context.close();
  });

  it('serves a signed-in portal session from the app’s own origin', async () => {
    const apInfId = `e2e-session-${Date.now().toString(36)}`;
    await submitToKnox(apInfId);
    const response = await fetch(`${baseUrl}/knox-sim/sim/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Origin: baseUrl, cookie: sessionCookie },
      body: JSON.stringify({ apInfId, epId: 'A2001', action: 'approve' }),
    });
    expect(await response.json()).toMatchObject({ result: 'success', data: { apInfId, status: 2 } });
    const anonymous = await fetch(`${baseUrl}/knox-sim/sim/inbox?epId=A2001`);
    expect(anonymous.status).toBe(401);
  });
});

describe('forged server-action posts', () => {
  it('are refused with 403 when Origin is foreign, null or missing, and change nothing', async () => {
    const context = await browser.newContext();
    await signInContext(context, baseUrl, 'kim.employee@example.com');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/knox-sim?as=E1001`);
    // The person picker's server action, as the inbox itself calls it.
    const actionRequest = page.waitForRequest(
      (request: BrowserRequest) =>
        request.method() === 'POST' && request.headers()['next-action'] !== undefined,
    );
    await page.getByLabel('결재자 선택 (EP ID)').selectOption('A2002');
    const captured = await actionRequest;
    const actionId = captured.headers()['next-action']!;
    await context.close();

    const post = (origin: string | undefined) =>
      fetch(`${baseUrl}/knox-sim`, {
        method: 'POST',
        headers: {
          'next-action': actionId,
          'content-type': 'text/plain;charset=UTF-8',
          cookie: sessionCookie,
          ...(origin === undefined ? {} : { Origin: origin }),
        },
        body: JSON.stringify(['A2001']),
      });
    for (const origin of ['https://evil.example', 'null', undefined, attackerUrl]) {
      const response = await post(origin);
      expect(response.status, String(origin)).toBe(403);
      expect(response.headers.getSetCookie(), String(origin)).toEqual([]);
      expect(await response.text()).toContain('허용되지 않은 요청입니다');
    }
    // The same call from the app's own origin works: the refusals above were about the Origin.
    const own = await post(baseUrl);
    expect(own.status).toBe(200);
    expect(own.headers.getSetCookie().join(';')).toContain('knox-sim-as=A2001');
  });
});

describe('URLs no route can read', () => {
  const apiCases = ['/api/approvals?search=a%00b', '/api/approvals/%E0%A4%A'];
  it.each(apiCases)('%s answers 400 with the REST error envelope', async (path) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: ADMIN_TOKEN });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/제어 문자|퍼센트 인코딩/);
    expectSecurityHeaders(response, path);
  });

  it('a query that carries a line break reaches the route, whose own schema refuses it', async () => {
    const response = await fetch(`${baseUrl}/api/approvals?status=%0A1`, { headers: ADMIN_TOKEN });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/Knox 상태 코드/);
  });

  const pageCases = ['/vendors?q=a%00b', '/approval/log/%00', '/knox-sim?doc=%00', '/vendors/%E0%A4%A'];
  it.each(pageCases)('%s answers 400 with the Korean error page', async (path) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: sessionCookie } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('요청을 처리할 수 없습니다');
    expect(html).toContain('lang="ko"');
    expectSecurityHeaders(response, path);
  });

  it('the Korean error page itself breaks no policy in a browser', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/vendors?q=%00`);
    expect(response?.status()).toBe(400);
    await page.getByRole('heading', { name: '요청을 처리할 수 없습니다' }).waitFor();
    await context.close();
  });

  it('a NUL in a /sim/act opinion is refused as invalid and approves nothing', async () => {
    const apInfId = `e2e-nul-${Date.now().toString(36)}`;
    await submitToKnox(apInfId);
    const response = await fetch(`${baseUrl}/knox-sim/sim/act`, {
      method: 'POST',
      headers: knoxHeaders,
      body: JSON.stringify({ apInfId, epId: 'A2001', action: 'approve', opinion: 'a\u0000b' }),
    });
    expect(await response.json()).toMatchObject({ result: 'fail', errorDetail: { errorCode: 'SIM002' } });
    expect(await knoxStatus(apInfId)).toBe('1');
  });
});

describe('the CSP violation watcher', () => {
  it('notices a violation (so the zero asserted after every test means something)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://tracker.example/pixel.gif';
      document.body.append(image);
    });
    await expect.poll(() => takeCspViolations().join('\n'), { timeout: 5_000 }).toContain('img-src');
    await context.close();
  });
});
