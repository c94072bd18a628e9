import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, trackPageErrors } from './browser';

/**
 * Sign-in as an attacker tries it, against the built app: guessing through /api/auth and the form,
 * dodging with X-Forwarded-For, locking a colleague out, and redirecting elsewhere after sign-in.
 * Every client here is this machine; a second address is a second loopback address (127.0.0.2),
 * which the server sees on the socket.
 */

const baseUrl = e2eBaseUrl();
const PASSWORD = 'demo1234!';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POST /api/auth/sign-in/email from a chosen local address, with any extra headers. */
function signInOverApi(
  email: string,
  password: string,
  options: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body = JSON.stringify({ email, password });
  const url = new URL('/api/auth/sign-in/email', baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: options.localAddress ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function openSignIn(path = '/sign-in'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ko-KR' });
  const page = await context.newPage();
  const errors = trackPageErrors(page);
  await page.goto(path);
  return { page, errors };
}

async function submitForm(page: Page, email: string, password: string) {
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}

describe('sign-in throttling', () => {
  // First in the file: the first auth request after start goes through /api/auth.
  it('answers a wrong password through the form with a refusal after /api/auth was used first', async () => {
    const first = await signInOverApi('choi.teamlead@example.com', 'wrong-password');
    expect(first.status).toBe(401);
    const { page, errors } = await openSignIn();
    await submitForm(page, 'choi.teamlead@example.com', 'also-wrong');
    await page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 올바르지 않습니다' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers 429 with Retry-After to 30 wrong passwords, however X-Forwarded-For rotates', async () => {
    const statuses: number[] = [];
    let throttled: Answer | undefined;
    for (let i = 0; i < 30; i++) {
      const answer = await signInOverApi('kim.employee@example.com', `guess-${i}`, {
        headers: {
          'x-forwarded-for': `198.51.100.${i + 1}`,
          'x-portal-client-address': `203.0.113.${i + 1}`,
        },
      });
      statuses.push(answer.status);
      if (answer.status === 429) throttled ??= answer;
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.slice(-20)).toEqual(Array(20).fill(429));
    expect(Number(throttled?.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(throttled!.body)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('still lets the owner sign in from another address', async () => {
    const owner = await signInOverApi('kim.employee@example.com', PASSWORD, { localAddress: '127.0.0.2' });
    expect(owner.status).toBe(200);
    // While the guesser's address stays refused.
    expect((await signInOverApi('kim.employee@example.com', PASSWORD)).status).toBe(429);
  });

  it('throttles the sign-in form too, saying in Korean how long to wait', async () => {
    const { page, errors } = await openSignIn();
    for (let i = 0; i < 5; i++) {
      await submitForm(page, 'lee.employee@example.com', `guess-${i}`);
      await page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 올바르지 않습니다' }).waitFor();
      await page.getByRole('button', { name: '로그인' }).waitFor();
    }
    await submitForm(page, 'lee.employee@example.com', PASSWORD);
    await page
      .getByRole('alert')
      .filter({ hasText: /로그인 시도가 너무 많습니다\. \d+(초|분) 뒤에/ })
      .waitFor();
    expect(page.url()).toContain('/sign-in');
    expect(errors).toEqual([]);
    // The API refuses the same client for the same account: one throttle.
    expect((await signInOverApi('lee.employee@example.com', PASSWORD)).status).toBe(429);
    await page.context().close();
  });
});

describe('where sign-in lands', () => {
  it('returns a signed-out visitor to the deep link they opened', async () => {
    const { page, errors } = await openSignIn('/vendors/4');
    await page.waitForURL(/\/sign-in\?next=/);
    await submitForm(page, 'admin@example.com', PASSWORD);
    await page.waitForURL(`${baseUrl}/vendors/4`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // As typed into the address bar: the query is decoded once by the page, encoded forms stay encoded.
  it.each([
    'next=/%5Cevil.example/x',
    'next=/%09/evil.example/y',
    'next=%2F%255Cevil.example%2Fx',
    'next=//evil.example',
    'next=/%2F/evil.example',
    'next=https://evil.example',
    'next=javascript:alert(1)',
  ])('lands on / for ?%s', async (query) => {
    const { page, errors } = await openSignIn(`/sign-in?${query}`);
    await submitForm(page, 'admin@example.com', PASSWORD);
    await page.waitForURL(`${baseUrl}/`);
    expect(new URL(page.url()).origin).toBe(baseUrl);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows a same-origin next', async () => {
    const { page, errors } = await openSignIn('/sign-in?next=%2Fvendors%2F4');
    await submitForm(page, 'admin@example.com', PASSWORD);
    await page.waitForURL(`${baseUrl}/vendors/4`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
