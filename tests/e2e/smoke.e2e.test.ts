import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, trackPageErrors } from './browser';

const baseUrl = e2eBaseUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the built app', () => {
  it('answers its health check with the database up: the status to anyone, the details to an admin', async () => {
    const anonymous = await fetch(`${baseUrl}/api/health`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: 'ok' });
    const response = await fetch(`${baseUrl}/api/health`, {
      headers: { authorization: 'Bearer demo-admin' },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'ok', db: 'ok', database: 'pglite', knox: { mode: 'simulator' } });
    expect(body.poller).toHaveProperty('lastRunAt');
  });

  it('serves the portal with the seeded vendors to a signed-in user', async () => {
    const page = await browser.newPage();
    const errors = trackPageErrors(page);
    await page.goto(baseUrl);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('이메일').fill('kim.employee@example.com');
    await page.getByLabel('비밀번호').fill('demo1234!');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/vendors`);
    await expect(page.getByText('(주)한빛정밀').first().isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'home');
    expect(errors).toEqual([]);
    await page.close();
  });
});
