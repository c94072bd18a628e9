import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, signInContext, trackPageErrors } from './browser';

/**
 * Pages follow the engine live: with a document's page open as its requester, a decision taken in
 * Knox (the simulator's control API) shows on that page without a reload — the open document is
 * watched, so the live poll finds the decision long before the poller's next minute.
 */

const baseUrl = e2eBaseUrl();
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

const knoxHeaders = {
  'content-type': 'application/json',
  'System-ID': SIMULATOR_SYSTEM_ID,
  Authorization: `Bearer ${SIMULATOR_TOKEN}`,
};

/** Everyone with an EP ID who could stand on an approval line. */
const EP_IDS = ['A2001', 'A2002', 'E1001', 'E1002', 'E9001'];

async function simulator(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${baseUrl}/knox-sim${path}`, { ...init, headers: knoxHeaders });
  const json = (await response.json()) as { result: string; data?: unknown };
  expect(json.result, `${path}: ${JSON.stringify(json)}`).toBe('success');
  return json.data;
}

/**
 * Acts for every approver of the document in turn, whoever the approval-line rules put on it:
 * each round asks every inbox which of them has it now. Rejecting ends it at the first.
 */
async function decideForEveryApprover(apInfId: string, action: 'approve' | 'reject', opinion: string) {
  for (let round = 0; round < 10; round++) {
    let acted = false;
    for (const epId of EP_IDS) {
      const inbox = (await simulator(`/sim/inbox?epId=${epId}`)) as Array<{ apInfId: string }>;
      if (!inbox.some((doc) => doc.apInfId === apInfId)) continue;
      await simulator('/sim/act', {
        method: 'POST',
        body: JSON.stringify({ apInfId, epId, action, opinion }),
      });
      acted = true;
      if (action === 'reject') return;
    }
    if (!acted) return;
  }
}

async function employeePage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  await signInContext(context, baseUrl, 'kim.employee@example.com');
  const page = await context.newPage();
  return { page, errors: trackPageErrors(page) };
}

async function submitRegistration(page: Page, vendorName: string): Promise<string> {
  await page.goto(`/vendors?q=${encodeURIComponent(vendorName)}`);
  await page.getByRole('link', { name: vendorName, exact: true }).click();
  await page.waitForURL(/\/vendors\/\d+$/);
  await page.getByRole('link', { name: '정규업체 등록 요청' }).click();
  await page.waitForURL(/\/register$/);
  await page.getByLabel('등록 사유').fill('실시간 화면 시험');
  await page.getByLabel('거래 예정 품목').fill('전장부품');
  // The approval-line rules fill the line (최팀장 → 정상무); the requester adds nobody.
  await page.getByRole('list', { name: '결재선', exact: true }).getByText('최팀장').waitFor();
  await page.getByRole('button', { name: '결재 상신' }).click();
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: '결재가 상신되었습니다.' }).first();
  await toast.waitFor({ timeout: 30_000 });
  const id = ((await toast.textContent()) ?? '').match(/\(ID: ([A-Za-z0-9_-]+)\)/)?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** Opens the detail page, waits for its live stream, and marks the document so a reload would show. */
async function openLive(page: Page, apInfId: string): Promise<void> {
  await page.goto(`/approval/log/${apInfId}`);
  await page.locator('[data-testid="live-status"][data-state="open"]').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    (window as unknown as { liveMarker: string }).liveMarker = 'same document';
  });
}

const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker === 'same document');

// The live poll (APPROVAL_LIVE_POLL_SECONDS, 3 s) plus the event and the re-render; the poller's
// own cron minute is far later than this.
const LIVE_TIMEOUT_MS = 15_000;

/** Kim's approved document, for the check that nobody else may watch it. */
let kimsDocument = '';

describe('a document open on its page follows Knox live', () => {
  it('an approval shows 완결 and the executed result without a reload', async () => {
    const { page, errors } = await employeePage();
    const apInfId = await submitRegistration(page, '신흥전자');
    kimsDocument = apInfId;
    await openLive(page, apInfId);
    await decideForEveryApprover(apInfId, 'approve', '승인합니다');
    await page.getByTestId('knox-status').filter({ hasText: '완결' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page
      .getByTestId('action-status')
      .filter({ hasText: '실행 완료' })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await page.getByTestId('execution-result').textContent()).toMatch(/협력업체 코드: V-\d{4}-\d{5}/);
    expect(await notReloaded(page)).toBe(true);
    await saveScreenshot(page, 'live-approved');
    expect(errors).toEqual([]);
  });

  it("a rejection shows the approver's opinion without a reload", async () => {
    const { page, errors } = await employeePage();
    const apInfId = await submitRegistration(page, '미래소재(주)');
    await openLive(page, apInfId);
    await decideForEveryApprover(apInfId, 'reject', '재무제표 보완 필요');
    await page
      .getByTestId('rejection-opinion')
      .filter({ hasText: '재무제표 보완 필요' })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await page.getByTestId('knox-status').textContent()).toContain('반려');
    expect(await notReloaded(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("another employee's stream cannot watch someone else's document", async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    await signInContext(context, baseUrl, 'lee.employee@example.com');
    expect(kimsDocument).not.toBe('');
    const response = await context.request.get(`/api/live?watch=${kimsDocument}`);
    expect(response.status()).toBe(404);
    const anonymous = await fetch(`${baseUrl}/api/live`);
    expect(anonymous.status).toBe(401);
  });
});
