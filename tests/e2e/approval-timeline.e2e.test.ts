import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, signInContext, trackPageErrors } from './browser';

/**
 * Issue 13 as a requester lives it: the approval line as submitted, the approvers' acts on the
 * timeline, 다시 요청 from a rejected approval (form filled, links both ways), the 결재 현황 filter
 * in the URL, the dashboard cards' links and the filtered CSV.
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

async function signIn(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ko-KR', acceptDownloads: true });
  contexts.push(context);
  await signInContext(context, baseUrl, email);
  const page = await context.newPage();
  return { page, errors: trackPageErrors(page) };
}

async function toastText(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  return (await toast.textContent()) ?? '';
}

/** The approver decides in the simulator's Knox inbox. */
async function decideInKnoxInbox(epId: string, apInfId: string, action: '승인' | '반려', opinion: string) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ko-KR' });
  await signInContext(context, baseUrl, 'choi.teamlead@example.com');
  const page = await context.newPage();
  await page.goto(`/knox-sim?as=${epId}&doc=${encodeURIComponent(apInfId)}`);
  const panel = page.getByRole('region', { name: '결재 처리' });
  await panel.locator('textarea[name="opinion"]').fill(opinion);
  await panel.getByRole('button', { name: action, exact: true }).click();
  const done = { 승인: '승인했습니다', 반려: '반려했습니다' }[action];
  await page.locator('[data-sonner-toast]').filter({ hasText: done }).first().waitFor({ timeout: 30_000 });
  await context.close();
}

/** 새로고침 on the detail page until the action shows the state (the poller may get there first). */
async function refreshUntil(page: Page, apInfId: string, actionLabel: string) {
  await page.goto(`/approval/log/${apInfId}`);
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.getByRole('button', { name: '새로고침' }).click();
    await toastText(page, /Knox 결재 상태를 확인했습니다|상태 확인에 실패했습니다/);
    if ((await page.getByTestId('action-status').textContent())?.includes(actionLabel)) return;
    await page.waitForTimeout(1000);
    await page.reload();
  }
  throw new Error(`${apInfId} did not reach ${actionLabel}`);
}

/** The line's first approver as Knox routes it (the line may come from rules, not from the form). */
async function firstApprover(page: Page): Promise<string> {
  const entries = page.getByTestId('line-entry');
  const text = (await entries.nth(1).textContent()) ?? '';
  const epId = text.match(/\b([AE]\d{4})\b/)?.[1];
  expect(epId, text).toBeTruthy();
  return epId!;
}

async function submitRegistrationForm(page: Page): Promise<string> {
  // The approval-line rules fill the line (최팀장 → 정상무); the requester adds nobody.
  await page.getByRole('list', { name: '결재선', exact: true }).getByText('최팀장').waitFor();
  await page.getByRole('button', { name: '결재 상신' }).click();
  const text = await toastText(page, '결재가 상신되었습니다.');
  const id = text.match(/\(ID: ([A-Za-z0-9_-]+)\)/)?.[1];
  expect(id, text).toBeTruthy();
  return id!;
}

/** RFC 4180 rows of a CSV text (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

async function downloadCsv(page: Page, listUrl: string): Promise<{ bytes: Buffer; rows: string[][] }> {
  await page.goto(listUrl);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-export').click(),
  ]);
  const bytes = readFileSync((await download.path())!);
  const text = bytes.toString('utf8');
  // Every line ends in CRLF (no cell here holds a line break).
  expect(text.endsWith('\r\n')).toBe(true);
  expect(/[^\r]\n/.test(text)).toBe(false);
  return { bytes, rows: parseCsv(text.replace(/^\uFEFF/, '')) };
}

describe('approval line, timeline and 다시 요청', () => {
  let oldId = '';
  let newId = '';
  const reason = 'PQ 88점, 전장부품 2차 공급선 확보 (1차 상신)';

  it('shows the line as submitted, the rejection on the timeline, and 다시 요청 fills the form and links both ways', async () => {
    const { page, errors } = await signIn('kim.employee@example.com');
    await page.goto('/vendors?q=신흥전자');
    await page.getByRole('link', { name: '신흥전자', exact: true }).click();
    await page.getByRole('link', { name: '정규업체 등록 요청' }).click();
    await page.waitForURL(/\/register$/);
    const registerPath = new URL(page.url()).pathname;
    await page.getByLabel('등록 사유').fill(reason);
    await page.getByLabel('거래 예정 품목').fill('전장 하네스\n커넥터');
    oldId = await submitRegistrationForm(page);

    // Before Knox reports anything: the line as submitted, drafter first, Korean roles, no NaN.
    await page.goto(`/approval/log/${oldId}`);
    const line = page.getByTestId('approval-line');
    await line.waitFor();
    const lineText = (await line.textContent()) ?? '';
    expect(lineText).not.toContain('NaN');
    expect(await page.getByTestId('line-entry').first().textContent()).toMatch(/기안\s*김구매.*상신/);
    expect(await page.getByTestId('line-entry').nth(1).textContent()).toMatch(/결재\s*\S+/);
    const approver = await firstApprover(page);

    await decideInKnoxInbox(approver, oldId, '반려', '예산 확인 후 다시 올려 주세요');
    await refreshUntil(page, oldId, '반려 처리');
    const titles = await page.getByTestId('timeline-title').allTextContents();
    expect(
      titles.some((title) => /반려 — 예산 확인 후 다시 올려 주세요/.test(title)),
      titles.join(' | '),
    ).toBe(true);
    expect((await page.getByTestId('approval-line').textContent()) ?? '').not.toContain('NaN');
    await saveScreenshot(page, 'approval-rejected-timeline');

    // 다시 요청: the same form, filled with the old input.
    await page.getByTestId('re-request').click();
    await page.waitForURL(new RegExp(`/register\\?replaces=${oldId}$`));
    await page.getByTestId('re-request-notice').waitFor();
    expect(await page.getByLabel('등록 사유').inputValue()).toBe(reason);
    expect(await page.getByLabel('거래 예정 품목').inputValue()).toBe('전장 하네스\n커넥터');
    await page.getByLabel('등록 사유').fill(`${reason} — 예산 확인 완료`);
    newId = await submitRegistrationForm(page);
    expect(newId).not.toBe(oldId);

    await page.goto(`/approval/log/${newId}`);
    expect(await page.getByTestId('replaces-link').getAttribute('href')).toBe(`/approval/log/${oldId}`);
    await page.goto(`/approval/log/${oldId}`);
    expect(await page.getByTestId('replaced-by-link').getAttribute('href')).toBe(`/approval/log/${newId}`);
    // Replaced once: no second 다시 요청, and the form refuses to be filled from it again.
    expect(await page.getByTestId('re-request').count()).toBe(0);
    await page.goto(`${registerPath}?replaces=${oldId}`);
    await page.getByText('이미 다시 요청한 결재입니다').first().waitFor();
    expect(errors).toEqual([]);
  });

  it('the dashboard cards link to their filtered lists and the filtered CSV has the right rows', async () => {
    expect(oldId && newId).toBeTruthy();
    const { page, errors } = await signIn('kim.employee@example.com');
    await page.goto('/');
    await page.getByTestId('dashboard-card-reject').click();
    await page.waitForURL(/\/approval\/log\?bucket=reject$/);
    const rows = page.getByTestId('approval-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(oldId);

    const rejected = await downloadCsv(page, '/approval/log?bucket=reject');
    // Excel's signal that the file is UTF-8: the BOM.
    expect([...rejected.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rejected.rows[0]).toEqual([
      '문서 ID',
      '제목',
      '요청 작업',
      '구분',
      'Knox 상태',
      '처리 상태',
      '요청자',
      '요청자 EP ID',
      '상신일시',
      '결정일시',
      '실행일시',
      '오류 메시지',
    ]);
    expect(rejected.rows.slice(1).map((row) => row[0])).toEqual([oldId]);
    expect(rejected.rows[1]).toEqual(
      expect.arrayContaining([
        '[정규업체 등록] 신흥전자',
        '정규업체 등록',
        '반려·취소',
        '반려',
        '반려 처리',
        '김구매',
      ]),
    );
    expect(rejected.rows[1]![8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const waiting = await downloadCsv(page, '/approval/log?bucket=wait&type=vendor_regular_registration');
    expect(waiting.rows.slice(1).map((row) => row[0])).toEqual([newId]);

    // A bad filter is a clear message on the page and a 400 from the export, never a crash.
    await page.goto('/approval/log?status=99&from=2026-02-30');
    const message = (await page.getByTestId('filter-error').textContent()) ?? '';
    expect(message).toContain('알 수 없는 Knox 상태 코드입니다');
    expect(message).toContain('시작일은 YYYY-MM-DD 형식의 날짜여야 합니다');
    expect(await page.getByTestId('approval-row').count()).toBe(0);
    const refused = await page.request.get('/approval/log/export?status=99');
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain('알 수 없는 Knox 상태 코드입니다');
    await saveScreenshot(page, 'approval-log-bad-filter');
    // The page's own 400 from the refused export is expected; nothing else went wrong.
    expect(errors).toEqual([]);
  });

  it('the export asks who is calling: anonymous visitors are sent to sign in', async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    const response = await context.request.get('/approval/log/export?bucket=reject', { maxRedirects: 0 });
    expect([303, 307]).toContain(response.status());
    expect(response.headers().location).toMatch(/\/sign-in/);
  });
});
