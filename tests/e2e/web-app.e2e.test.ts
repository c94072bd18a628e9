import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { createKnoxApprovalClient } from '@/lib/knox-api/approval';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, signInContext, trackPageErrors } from './browser';

/**
 * The web app as people use it, against the production build with a fresh database and the
 * in-app Knox simulator: employees submit, approvers decide in the simulator's inbox, admins
 * recover failures. Every page visited must log no console error.
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

interface Session {
  page: Page;
  errors: string[];
}

async function signIn(email: string): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors = trackPageErrors(page);
  // Name the failing request, not just "Failed to load resource".
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('/sign-in');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill('demo1234!');
  await page.getByRole('button', { name: '로그인' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return { page, errors };
}

async function toastText(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  return (await toast.textContent()) ?? '';
}

async function openVendor(page: Page, name: string) {
  await page.goto(`/vendors?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.waitForURL(/\/vendors\/\d+$/);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor();
}

/** Fills and sends the 정규업체 등록 form; returns the Knox document id from the toast. */
async function submitRegistration(page: Page, vendorName: string, reason: string): Promise<string> {
  await openVendor(page, vendorName);
  await page.getByRole('link', { name: '정규업체 등록 요청' }).click();
  await page.waitForURL(/\/register$/);
  await page.getByLabel('등록 사유').fill(reason);
  await page.getByLabel('거래 예정 품목').fill('알루미늄 압출재\n동 합금 판재');
  // The rule's line, prefilled: 김구매's 팀장, then the 담당임원 (who may decide 전결).
  const line = page.getByRole('list', { name: '결재선' });
  await line.getByText('최팀장').waitFor();
  await expect(line.getByRole('listitem').allTextContents()).resolves.toEqual([
    expect.stringMatching(/1차.*결재.*최팀장.*A2001/),
    expect.stringMatching(/2차.*결재.*정상무.*A2002.*전결 가능/),
  ]);
  await page.getByRole('button', { name: '결재 상신' }).click();
  const text = await toastText(page, '결재가 상신되었습니다.');
  const id = text.match(/\(ID: ([A-Za-z0-9_-]+)\)/)?.[1];
  expect(id, text).toBeTruthy();
  await page.waitForURL(`${baseUrl}/approval/log`);
  await page
    .getByRole('link', { name: `[정규업체 등록] ${vendorName}` })
    .first()
    .waitFor();
  return id!;
}

/** The approver decides in the simulator's Knox inbox, the way a person would. */
async function decideInKnoxInbox(
  epId: string,
  apInfId: string,
  action: '승인' | '반려' | '전결',
  opinion: string,
) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ko-KR' });
  contexts.push(context);
  // The inbox is for signed-in portal users; which one does not matter to the simulator.
  await signInContext(context, baseUrl, 'choi.teamlead@example.com');
  const page = await context.newPage();
  await page.goto(`/knox-sim?as=${epId}&doc=${encodeURIComponent(apInfId)}`);
  const panel = page.getByRole('region', { name: '결재 처리' });
  await panel.locator('textarea[name="opinion"]').fill(opinion);
  await panel.getByRole('button', { name: action, exact: true }).click();
  const done = { 승인: '승인했습니다', 반려: '반려했습니다', 전결: '전결 처리했습니다' }[action];
  await page.locator('[data-sonner-toast]').filter({ hasText: done }).first().waitFor({ timeout: 30_000 });
  await context.close();
}

/** 새로고침 on the detail page until Knox's status shows (the poller may have got there first). */
async function refreshUntil(page: Page, apInfId: string, knoxLabel: string, actionLabel: string) {
  await page.goto(`/approval/log/${apInfId}`);
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.getByRole('button', { name: '새로고침' }).click();
    await toastText(page, /Knox 결재 상태를 확인했습니다|상태 확인에 실패했습니다/);
    const knox = await page.getByTestId('knox-status').textContent();
    const action = await page.getByTestId('action-status').textContent();
    if (knox?.includes(knoxLabel) && action?.includes(actionLabel)) return;
    await page.waitForTimeout(1000);
    await page.reload();
  }
  throw new Error(`${apInfId} did not reach ${knoxLabel}/${actionLabel}`);
}

async function vendorStatus(page: Page, name: string) {
  await openVendor(page, name);
  const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const code = await page.locator('dt:has-text("업체코드") + dd').textContent();
  return { heading, code: code?.trim() ?? '' };
}

describe('sign-in', () => {
  it('sends anonymous visitors to the sign-in page and refuses a wrong password', async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto('/approval/log');
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('이메일').fill('kim.employee@example.com');
    await page.getByLabel('비밀번호').fill('wrong-password');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 올바르지 않습니다' }).waitFor();
    await saveScreenshot(page, 'sign-in');
    expect(errors).toEqual([]);
  });

  it('signs a seeded employee in and out', async () => {
    const { page, errors } = await signIn('kim.employee@example.com');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('김구매');
    await page.getByText('임직원').first().waitFor();
    await saveScreenshot(page, 'dashboard');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/vendors');
    await page.getByRole('link', { name: '(주)한빛정밀' }).waitFor();
    await saveScreenshot(page, 'vendors-mobile');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    expect(errors).toEqual([]);
  });
});

describe('정규업체 등록 through Knox', () => {
  it('approved in the Knox inbox: 완결, executed, the vendor is 정규업체 with a code', async () => {
    const { page, errors } = await signIn('kim.employee@example.com');
    await page.goto('/vendors');
    await saveScreenshot(page, 'vendors');
    await openVendor(page, '미래소재(주)');
    await saveScreenshot(page, 'vendor-detail');
    await page.getByRole('link', { name: '정규업체 등록 요청' }).click();
    await page.getByLabel('등록 사유').waitFor();
    await saveScreenshot(page, 'vendor-register-form');

    const apInfId = await submitRegistration(page, '미래소재(주)', 'PQ 91점 승인, 원소재 공급선 다변화');
    await saveScreenshot(page, 'approval-log');
    expect((await vendorStatus(page, '미래소재(주)')).heading).toContain('등록 결재중');

    await decideInKnoxInbox('A2001', apInfId, '승인', '검토 완료, 승인합니다.');
    await decideInKnoxInbox('A2002', apInfId, '승인', '승인합니다.');
    await refreshUntil(page, apInfId, '완결', '실행 완료');
    // The opinion on the line card, and the act on the timeline (issue 13).
    await page.getByTestId('line-opinion').filter({ hasText: '검토 완료, 승인합니다.' }).waitFor();
    await page.getByText('최팀장 팀장 승인 — 검토 완료, 승인합니다.').waitFor();
    await saveScreenshot(page, 'approval-detail-approved');

    const after = await vendorStatus(page, '미래소재(주)');
    expect(after.heading).toContain('정규업체');
    expect(after.code).toMatch(/^V-\d{4}-\d{5}$/);
    expect(errors).toEqual([]);
  });

  it('rejected in the Knox inbox: the employee sees the opinion, the vendor is back to PQ 승인', async () => {
    const { page, errors } = await signIn('kim.employee@example.com');
    const apInfId = await submitRegistration(page, '신흥전자', '전장부품 2차 공급선 확보');
    expect((await vendorStatus(page, '신흥전자')).heading).toContain('등록 결재중');

    await decideInKnoxInbox('A2001', apInfId, '반려', '재무제표 최신본을 보완해 주세요.');
    await refreshUntil(page, apInfId, '반려', '반려 처리');
    await expect(page.getByTestId('rejection-opinion').textContent()).resolves.toBe(
      '재무제표 최신본을 보완해 주세요.',
    );
    await saveScreenshot(page, 'approval-detail-rejected');

    const after = await vendorStatus(page, '신흥전자');
    expect(after.heading).toContain('PQ 승인');
    expect(after.code).toBe('미발급');
    expect(errors).toEqual([]);
  });
});

describe('PQ 실사의뢰 through Knox', () => {
  it('shows the rule’s line prefilled; a 합의 the requester adds reaches Knox with role 2; approved, the investigation is on the vendor page', async () => {
    const { page, errors } = await signIn('lee.employee@example.com');
    await openVendor(page, '대성테크');
    await page.getByRole('link', { name: '실사의뢰', exact: true }).click();
    await page.waitForURL(/\/investigation$/);
    // 이품질 (품질경영팀): her 팀장 한품질 is also the QM 팀장, so one step covers both, then 담당임원.
    const line = page.getByRole('list', { name: '결재선' });
    await line.getByText('한품질').waitFor();
    await expect(line.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/1차.*결재.*한품질.*A2003/),
      expect.stringMatching(/2차.*결재.*정상무.*A2002/),
    ]);
    // The assignee list offers the QM staff only.
    await expect(
      page.getByLabel('QM 담당자').locator('option:not([disabled])').allTextContents(),
    ).resolves.toEqual(['이품질 책임 · 품질경영팀', '한품질 팀장 · 품질경영팀']);
    await page.getByLabel('실사 시작 희망일').fill('2099-12-01');
    await page.getByLabel('실사 종료 희망일').fill('2099-12-02');
    await page.getByLabel('QM 담당자').selectOption({ label: '이품질 책임 · 품질경영팀' });
    await page.getByLabel('의뢰 사유').fill('전장부품 신규 공급선 현장 확인');
    await page.getByRole('searchbox', { name: '합의·통보할 사람 검색' }).fill('김구매');
    await page.getByRole('button', { name: '김구매 합의 추가' }).click();
    await expect(line.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/1차.*결재.*한품질/),
      expect.stringMatching(/2차.*합의.*김구매.*E1001/),
      expect.stringMatching(/3차.*결재.*정상무/),
    ]);
    await saveScreenshot(page, 'investigation-form');
    await page.getByRole('button', { name: '결재 상신' }).click();
    const text = await toastText(page, '결재가 상신되었습니다.');
    const apInfId = text.match(/\(ID: ([A-Za-z0-9_-]+)\)/)![1]!;
    await page.waitForURL(`${baseUrl}/approval/log`);

    const knox = createKnoxApprovalClient({
      baseUrl: `${baseUrl}/knox-sim`,
      systemId: SIMULATOR_SYSTEM_ID,
      token: SIMULATOR_TOKEN,
      timeoutMs: 10_000,
    });
    const detail = await knox.getApprovalDetail(apInfId);
    expect(
      detail.aplns
        .filter((entry) => entry.role !== 0)
        .map(({ epId, role }) => ({ epId, role: Number(role) })),
    ).toEqual([
      { epId: 'A2003', role: 1 },
      { epId: 'E1001', role: 2 },
      { epId: 'A2002', role: 1 },
    ]);

    await decideInKnoxInbox('A2003', apInfId, '승인', '실사 필요에 동의합니다.');
    await decideInKnoxInbox('E1001', apInfId, '승인', '구매 일정과 맞습니다.');
    await decideInKnoxInbox('A2002', apInfId, '승인', '승인합니다.');
    await refreshUntil(page, apInfId, '완결', '실행 완료');
    await openVendor(page, '대성테크');
    const investigation = page
      .getByRole('listitem')
      .filter({ hasText: apInfId })
      .filter({ hasText: 'QM 담당 이품질' });
    await expect(investigation.count()).resolves.toBe(1);
    await expect(page.getByText('실사 진행중').count()).resolves.toBe(1);

    // The assigned QM person sees it under 내게 배정된 실사.
    await page.goto('/investigations/mine');
    await page.getByRole('row').filter({ hasText: '대성테크' }).filter({ hasText: '2099-12-01' }).waitFor();
    await saveScreenshot(page, 'investigations-mine');
    expect(errors).toEqual([]);
  });
});

describe('a failed action, recovered by an admin', () => {
  it('shows on /admin/failed-actions, fails again while the cause stays, then executes exactly once', async () => {
    const employee = await signIn('kim.employee@example.com');
    const apInfId = await submitRegistration(employee.page, '신흥전자', '재무자료 보완 후 재상신');

    // Master data goes out of step while the document waits: an admin puts the vendor back to PQ 제출.
    const admin = await signIn('admin@example.com');
    await openVendor(admin.page, '신흥전자');
    await admin.page.getByText('관리자: 상태 정정').click();
    await admin.page.getByLabel('정정할 상태').selectOption('pq_submitted');
    await admin.page.getByLabel('정정 사유').fill('PQ 재심사 대상으로 분류');
    await admin.page.getByRole('button', { name: '상태 정정' }).click();
    await toastText(admin.page, '업체 상태를 정정했습니다.');

    // Approved in Knox: the handler finds the vendor not waiting for registration and throws.
    await decideInKnoxInbox('A2001', apInfId, '승인', '승인');
    await decideInKnoxInbox('A2002', apInfId, '승인', '승인');
    await refreshUntil(employee.page, apInfId, '완결', '실행 실패');

    await admin.page.goto('/admin/failed-actions');
    const entry = admin.page.getByTestId('failed-action').filter({ hasText: '[정규업체 등록] 신흥전자' });
    await expect(entry.textContent()).resolves.toContain('등록 결재중이 아닙니다 (현재 상태: PQ 제출)');
    await expect(entry.textContent()).resolves.toContain('시도 1회');
    await expect(entry.textContent()).resolves.toContain('김구매');
    await saveScreenshot(admin.page, 'admin-failed-actions');

    // A retry while the cause is still there fails again, and says so.
    await entry.getByRole('button', { name: /재실행$/ }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: '재실행' }).click();
    await toastText(admin.page, '재실행에 실패했습니다.');
    await admin.page.reload();
    await expect(entry.textContent()).resolves.toContain('시도 2회');

    // Fix the data, retry: it executes.
    await openVendor(admin.page, '신흥전자');
    await admin.page.getByText('관리자: 상태 정정').click();
    await admin.page.getByLabel('정정할 상태').selectOption('registration_pending');
    await admin.page.getByLabel('정정 사유').fill('승인된 등록 결재 반영을 위해 복구');
    await admin.page.getByRole('button', { name: '상태 정정' }).click();
    await toastText(admin.page, '업체 상태를 정정했습니다.');

    await admin.page.goto('/admin/failed-actions');
    await entry.getByRole('button', { name: /재실행$/ }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: '재실행' }).click();
    await toastText(admin.page, '다시 실행했습니다.');
    await admin.page.reload();
    await expect(entry.count()).resolves.toBe(0);

    await admin.page.goto(`/approval/log/${apInfId}`);
    await expect(admin.page.getByTestId('action-status').textContent()).resolves.toContain('실행 완료');
    const timeline = admin.page.getByRole('list').filter({ hasText: '결재 요청 생성' });
    await expect(timeline.getByText('실행 완료', { exact: true }).count()).resolves.toBe(1);
    const after = await vendorStatus(admin.page, '신흥전자');
    expect(after.heading).toContain('정규업체');
    expect(after.code).toMatch(/^V-\d{4}-\d{5}$/);
    await employee.page.goto('/');
    await employee.page.getByRole('heading', { name: '최근 결정' }).waitFor();
    await saveScreenshot(employee.page, 'dashboard-with-activity');
    expect(employee.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});

describe('admin pages', () => {
  it('are closed to employees', async () => {
    const { page, errors } = await signIn('kim.employee@example.com');
    for (const path of ['/admin/failed-actions', '/admin/templates', '/admin/system']) {
      await page.goto(path);
      await page.waitForURL(`${baseUrl}/forbidden`);
      await page.getByRole('heading', { name: '접근 권한이 없습니다' }).waitFor();
    }
    await expect(page.getByRole('link', { name: '실패한 작업' }).count()).resolves.toBe(0);
    await saveScreenshot(page, 'forbidden');
    expect(errors).toEqual([]);
  });

  it('let an admin edit a template with a live preview and keep the version', async () => {
    const { page, errors } = await signIn('admin@example.com');
    await page.goto('/admin/templates');
    await page.getByRole('link', { name: /정규업체 등록/ }).click();
    await page.getByLabel('양식 HTML').waitFor();
    const before = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    const version = Number(before.match(/v(\d+)/)?.[1]);
    const editor = page.getByLabel('양식 HTML');
    const original = await editor.inputValue();
    await editor.fill(
      `${original}<p>{{비고}}</p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">링크</a>`,
    );
    await page.getByLabel('{{비고}}').fill('미리보기 비고 문구');
    await page.getByTestId('template-preview').getByText('미리보기 비고 문구').waitFor();
    const preview = await page.getByTestId('template-preview').innerHTML();
    expect(preview).not.toContain('onerror');
    expect(preview).not.toContain('javascript:');
    // What stops a save is listed before saving, and the save is refused with the same reasons.
    const problems = page.getByTestId('template-problems');
    await problems.getByText('<img> 제거').waitFor();
    await problems.getByText('javascript: 링크 제거').waitFor();
    await problems.getByText('{{비고}}').waitFor();
    await saveScreenshot(page, 'admin-template-refused');
    await page.getByRole('button', { name: '새 버전으로 저장' }).click();
    const refusal = await toastText(page, '양식 저장에 실패했습니다.');
    expect(refusal).toContain('<img> 제거');
    expect(refusal).toContain('{{비고}}');
    await page.getByRole('button', { name: '허용되지 않는 내용 지우기' }).click();
    await expect(editor.inputValue()).resolves.not.toContain('onerror');

    await editor.fill(`${original}<p style="text-align:right">{{등록사유}}</p>`);
    await problems.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '새 버전으로 저장' }).click();
    await toastText(page, `(버전 ${version + 1})`);
    await page.getByText(`버전 ${version + 1}`, { exact: true }).waitFor();
    await saveScreenshot(page, 'admin-template-editor');

    await page.goto('/admin/system');
    await page.getByText('정규업체 등록', { exact: true }).first().waitFor();
    await expect(page.getByText('시뮬레이터', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('poller-last-run').textContent()).resolves.not.toBe('—');
    await saveScreenshot(page, 'admin-system');
    expect(errors).toEqual([]);
  });

  it('let an admin change an approval-line rule, refuse one without 결재, and record the change', async () => {
    const { page, errors } = await signIn('admin@example.com');
    await page.goto('/admin/approval-lines');
    const rule = page.getByRole('form', { name: '협력업체 거래정지 결재선 규칙' });
    await rule.getByRole('combobox', { name: '1차 역할' }).selectOption('agree');
    await rule.getByRole('combobox', { name: '2차 역할' }).selectOption('agree');
    await rule.getByRole('button', { name: '저장' }).click();
    await expect(toastText(page, '결재선 규칙을 저장하지 못했습니다.')).resolves.toContain(
      '결재선 규칙에는 결재 단계가 하나 이상 있어야 합니다',
    );
    await rule.getByRole('combobox', { name: '2차 역할' }).selectOption('approve');
    await rule.getByRole('checkbox', { name: '전결 가능' }).nth(1).check();
    await rule.getByRole('button', { name: '저장' }).click();
    await toastText(page, '협력업체 거래정지 결재선 규칙을 저장했습니다.');
    await saveScreenshot(page, 'admin-approval-lines');
    await page.reload();
    await expect(
      page
        .getByRole('form', { name: '협력업체 거래정지 결재선 규칙' })
        .getByRole('combobox', { name: '1차 역할' })
        .inputValue(),
    ).resolves.toBe('agree');
    await page.goto('/admin/audit');
    await page.getByTestId('audit-event').filter({ hasText: '결재선 규칙 변경' }).first().waitFor();
    expect(errors).toEqual([]);
  });
});

describe('a user without an EP ID', () => {
  it('is told before submitting, cannot submit, and nothing is created', async () => {
    const { page, errors } = await signIn('park.noep@example.com');
    await page.getByText('Knox EP ID가 없어 결재 기능을 사용할 수 없습니다').first().waitFor();
    await openVendor(page, '태광ENG');
    await page.getByRole('link', { name: '실사의뢰' }).click();
    await page.waitForURL(/\/investigation$/);
    await page.getByText('Knox EP ID가 없어 결재 기능을 사용할 수 없습니다').waitFor();
    await expect(page.getByRole('button', { name: '결재 상신' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel('의뢰 사유').isDisabled()).resolves.toBe(true);
    await saveScreenshot(page, 'investigation-form-no-ep-id');

    await page.goto('/approval/log');
    await page.getByText('결재 문서가 없습니다.').waitFor();
    await openVendor(page, '태광ENG');
    await expect(page.getByText('실사 이력이 없습니다.').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('상신취소 by the requester', () => {
  it('withdraws the document in Knox and puts the PQ back under review', async () => {
    const { page, errors } = await signIn('kim.employee@example.com');
    await openVendor(page, '태광ENG');
    await page.getByRole('link', { name: '실사의뢰', exact: true }).click();
    await page.waitForURL(/\/investigation$/);
    await page.getByLabel('실사 시작 희망일').fill('2099-12-10');
    await page.getByLabel('실사 종료 희망일').fill('2099-12-11');
    await page.getByLabel('QM 담당자').selectOption({ label: '이품질 책임 · 품질경영팀' });
    await page.getByLabel('의뢰 사유').fill('설계용역 수행역량 현장 확인');
    await page.getByRole('button', { name: '결재 상신' }).click();
    const text = await toastText(page, '결재가 상신되었습니다.');
    const apInfId = text.match(/\(ID: ([A-Za-z0-9_-]+)\)/)![1]!;
    await page.waitForURL(`${baseUrl}/approval/log`);

    await page.goto(`/approval/log/${apInfId}`);
    await page.getByRole('button', { name: '상신취소' }).click();
    const dialog = page.getByRole('dialog', { name: '결재를 상신취소할까요?' });
    await dialog.getByLabel('취소 사유').fill('실사 일정 재조정 후 다시 상신');
    await dialog.getByRole('button', { name: '상신취소' }).click();
    await toastText(page, '상신취소되었습니다.');
    await page.reload();
    await expect(page.getByTestId('knox-status').textContent()).resolves.toContain('상신취소');
    await expect(page.getByTestId('action-status').textContent()).resolves.toContain('취소 처리');
    await expect(page.getByRole('button', { name: '상신취소' }).count()).resolves.toBe(0);

    await openVendor(page, '태광ENG');
    await expect(page.getByText('심사중', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText('실사 이력이 없습니다.').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });
});
