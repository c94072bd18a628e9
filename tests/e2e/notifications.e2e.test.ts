import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { KNOX_LINE_ROLE } from '@/lib/knox-api/approval/codes';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, trackPageErrors } from './browser';

/**
 * The requester hears back: a request approved in the simulator shows on the bell of every page
 * (after a reload here; pages that update by themselves are another test's), the list says what
 * happened and leads to the approval, and 읽음 / 모두 읽음 take the count down.
 */

const baseUrl = e2eBaseUrl();
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 800 },
  });
  page = await context.newPage();
  errors = trackPageErrors(page);
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('/sign-in');
  await page.getByLabel('이메일').fill('kim.employee@example.com');
  await page.getByLabel('비밀번호').fill('demo1234!');
  await page.getByRole('button', { name: '로그인' }).click();
  await page.waitForURL(`${baseUrl}/`);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const bell = () => page.getByTestId('notification-bell');

/** The 정규업체 등록 form, sent by the employee; returns the Knox id from the toast. */
async function requestRegistration(vendorName: string): Promise<string> {
  await page.goto(`/vendors?q=${encodeURIComponent(vendorName)}`);
  await page.getByRole('link', { name: vendorName, exact: true }).click();
  await page.getByRole('link', { name: '정규업체 등록 요청' }).click();
  await page.waitForURL(/\/register$/);
  await page.getByLabel('등록 사유').fill('알림 시험: 공급선 다변화');
  await page.getByLabel('거래 예정 품목').fill('알루미늄 압출재');
  // The approval-line rules fill the line (최팀장 → 정상무); the requester adds nobody.
  await page.getByRole('list', { name: '결재선', exact: true }).getByText('최팀장').waitFor();
  await page.getByRole('button', { name: '결재 상신' }).click();
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: '결재가 상신되었습니다.' }).first();
  await toast.waitFor({ timeout: 30_000 });
  const id = ((await toast.textContent()) ?? '').match(/\(ID: ([A-Za-z0-9_-]+)\)/)?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** Every approver of the document approves, in the order of its line (read back from the REST API). */
async function approveEveryone(apInfId: string) {
  const detail = (await (
    await fetch(`${baseUrl}/api/approvals/${apInfId}`, {
      headers: { authorization: 'Bearer demo-kim.employee' },
    })
  ).json()) as {
    approval: { approvalLine: Array<{ epId: string; seq: number | string; role: number | string }> };
  };
  const deciders = detail.approval.approvalLine
    .filter((entry) => ![KNOX_LINE_ROLE.DRAFTER, KNOX_LINE_ROLE.NOTIFY].includes(Number(entry.role) as 0 | 9))
    .sort((a, b) => Number(a.seq) - Number(b.seq));
  expect(deciders.length).toBeGreaterThan(0);
  for (const entry of deciders) {
    const response = await fetch(`${baseUrl}/knox-sim/sim/act`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'System-ID': SIMULATOR_SYSTEM_ID,
        Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      },
      body: JSON.stringify({ apInfId, epId: entry.epId, action: 'approve', opinion: '승인합니다' }),
    });
    expect(((await response.json()) as { result: string }).result).toBe('success');
  }
}

/** One poller cycle now (as an admin), then reloads until the bell shows `unread`. */
async function pollUntilBell(unread: number) {
  for (let attempt = 0; attempt < 30; attempt++) {
    await fetch(`${baseUrl}/api/poll`, { method: 'POST', headers: { authorization: 'Bearer demo-admin' } });
    await page.reload();
    if ((await bell().getAttribute('data-unread')) === String(unread)) return;
    await page.waitForTimeout(1_000);
  }
  throw new Error(`the bell never showed ${unread}`);
}

describe('notifications', () => {
  it('an approval in the simulator raises the requester’s bell; the list leads to it and marks it read', async () => {
    await page.goto('/');
    await expect(bell().getAttribute('aria-label')).resolves.toBe('알림, 안 읽은 알림 없음');

    const apInfId = await requestRegistration('미래소재(주)');
    await approveEveryone(apInfId);
    await page.goto('/vendors');
    await pollUntilBell(1);
    await expect(bell().getAttribute('aria-label')).resolves.toBe('알림 1건 안 읽음');
    await page.getByRole('link', { name: '알림 1건 안 읽음' }).click();
    await page.waitForURL(`${baseUrl}/notifications`);

    const item = page.getByTestId('notification').first();
    await expect(item.getAttribute('data-read')).resolves.toBe('false');
    await expect(item.textContent()).resolves.toContain('정규업체 등록 결재가 승인되어 처리되었습니다');
    await expect(item.getByRole('link').getAttribute('href')).resolves.toBe(`/approval/log/${apInfId}`);
    await saveScreenshot(page, 'notifications');

    await item.getByRole('link').click();
    await page.waitForURL(`${baseUrl}/approval/log/${apInfId}`);
    await expect.poll(() => bell().getAttribute('data-unread'), { timeout: 30_000 }).toBe('0');
    await page.goto('/notifications');
    await expect(page.getByTestId('notification').first().getAttribute('data-read')).resolves.toBe('true');
    expect(errors).toEqual([]);
  });

  it('a rejection tells who and why; 읽음 marks that one', async () => {
    const apInfId = await requestRegistration('신흥전자');
    const response = await fetch(`${baseUrl}/knox-sim/sim/act`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'System-ID': SIMULATOR_SYSTEM_ID,
        Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      },
      body: JSON.stringify({ apInfId, epId: 'A2001', action: 'reject', opinion: '서류 미비' }),
    });
    expect(((await response.json()) as { result: string }).result).toBe('success');
    await page.goto('/notifications');
    await pollUntilBell(1);
    const item = page.getByTestId('notification').first();
    await expect(item.textContent()).resolves.toContain(
      '정규업체 등록 결재가 반려되었습니다 — 최팀장: 서류 미비',
    );
    await item.getByRole('button', { name: /^읽음 표시/ }).click();
    await expect.poll(() => bell().getAttribute('data-unread'), { timeout: 30_000 }).toBe('0');
    await expect(page.getByTestId('notification').first().getAttribute('data-read')).resolves.toBe('true');
    await expect(page.getByRole('button', { name: '모두 읽음' }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('the REST API answers the signed-in browser its own; a cookie write without the app’s Origin is refused', async () => {
    const listed = await context.request.get(`${baseUrl}/api/notifications`);
    expect(listed.status()).toBe(200);
    const body = (await listed.json()) as { notifications: Array<{ kind: string }>; unread: number };
    expect(body).toMatchObject({ unread: 0, notifications: [{ kind: 'rejected' }, { kind: 'executed' }] });
    const forged = await context.request.post(`${baseUrl}/api/notifications/read`, {
      data: {},
      headers: { Origin: 'https://evil.example' },
    });
    expect(forged.status()).toBe(403);
    const own = await context.request.post(`${baseUrl}/api/notifications/read`, {
      data: {},
      headers: { Origin: baseUrl },
    });
    expect(await own.json()).toEqual({ marked: 0, unread: 0 });
  });
});
