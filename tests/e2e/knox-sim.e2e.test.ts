import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { submitBody } from '@/lib/knox-simulator/test-fixtures';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, signInContext, trackPageErrors } from './browser';

const baseUrl = e2eBaseUrl();
const knox = `${baseUrl}/knox-sim/approval/api/v2.0/approvals`;
const headers = {
  'System-ID': SIMULATOR_SYSTEM_ID,
  Authorization: `Bearer ${SIMULATOR_TOKEN}`,
  'Content-Type': 'application/json',
};
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function knoxStatus(apInfId: string) {
  const response = await fetch(`${knox}/status`, {
    method: 'POST',
    headers,
    body: JSON.stringify([{ apinfid: apInfId }]),
  });
  return response.json();
}

describe('the Knox simulator inbox', () => {
  it('shows a submitted document to its approver, who approves it with an opinion', async () => {
    const apInfId = `e2e-${Date.now().toString(36)}`;
    const subject = `[PQ 실사의뢰] (주)한빛정밀 현장실사 의뢰 ${apInfId}`;
    const submitted = await fetch(`${knox}/submit`, {
      method: 'POST',
      headers,
      body: JSON.stringify(
        submitBody(
          apInfId,
          [
            { epId: 'E1001', seq: 0, role: 0, opinion: '검토 부탁드립니다.' },
            { epId: 'A2001', seq: 1, role: 1 },
            { epId: 'E9001', seq: 2, role: 9 },
          ],
          {
            subject,
            contents:
              '<h2>PQ 현장실사 의뢰</h2><table style="width:100%"><tr><th>업체명</th><td>(주)한빛정밀</td></tr>' +
              '<tr><th>실사 예정일</th><td>2026-12-02</td></tr></table><script>document.title="hacked"</script>' +
              '<p onclick="alert(1)">평가 점수 72점</p>',
          },
        ),
      ),
    });
    expect(await submitted.json()).toMatchObject({ result: 'success', data: { apInfId } });
    expect(await knoxStatus(apInfId)).toMatchObject({ data: [{ apInfId, status: '1' }] });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Any portal account may use the inbox, even one without an EP ID.
    await signInContext(page.context(), baseUrl, 'park.noep@example.com');
    const errors = trackPageErrors(page);
    await page.goto(`${baseUrl}/knox-sim?as=E1001`);
    await expect(page.getByRole('note').textContent()).resolves.toContain('Knox 결재 시뮬레이터');
    // Act as the team lead, chosen the way a user would.
    await page.getByLabel('결재자 선택 (EP ID)').selectOption('A2001');
    await page.waitForURL(/as=A2001/);
    await page.getByRole('link', { name: new RegExp(apInfId) }).click();
    await page.waitForURL(new RegExp(`doc=${apInfId}`));
    await expect(page.getByTestId('document-subject').textContent()).resolves.toBe(subject);
    await expect(page.getByTestId('document-status').textContent()).resolves.toBe('진행중');
    // Sanitized: the script never ran, the handler is gone, the table is there.
    expect(await page.title()).not.toBe('hacked');
    expect(await page.locator('.knox-document script, .knox-document [onclick]').count()).toBe(0);
    await expect(page.locator('.knox-document table').count()).resolves.toBe(1);
    // A2001 may not decide 전결 on this line.
    expect(await page.getByRole('button', { name: '전결' }).count()).toBe(0);

    await page.getByLabel(/의견/).fill('현장실사 진행에 동의합니다.');
    await page.getByRole('button', { name: '승인' }).click();
    await page.getByText('승인했습니다.').waitFor();
    await page.getByTestId('document-status').filter({ hasText: '완결' }).waitFor();
    const line = page.getByTestId('line-A2001');
    await expect(line.textContent()).resolves.toContain('현장실사 진행에 동의합니다.');
    await expect(line.textContent()).resolves.toContain('승인');
    await saveScreenshot(page, 'knox-sim-approved');

    expect(await knoxStatus(apInfId)).toMatchObject({ result: 'success', data: [{ apInfId, status: '2' }] });
    const detail = await (await fetch(`${knox}/${apInfId}/detail`, { headers })).json();
    const approver = detail.data.aplns.find((entry: { epId: string }) => entry.epId === 'A2001');
    expect(approver).toMatchObject({ aplnStatsCode: '1', opinion: '현장실사 진행에 동의합니다.' });
    expect(approver.docOpenDt).toMatch(/^\d{14}$/);

    // It left the waiting tab and shows under 완료.
    await page.goto(`${baseUrl}/knox-sim?as=A2001&tab=done`);
    await page.getByRole('link', { name: new RegExp(apInfId) }).waitFor();
    await saveScreenshot(page, 'knox-sim-done-tab');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the drafter withdraw a document still in progress', async () => {
    const apInfId = `e2e-cancel-${Date.now().toString(36)}`;
    await fetch(`${knox}/submit`, {
      method: 'POST',
      headers,
      body: JSON.stringify(
        submitBody(apInfId, [
          { epId: 'E1002', seq: 0, role: 0 },
          { epId: 'A2002', seq: 1, role: 1, arb: true },
        ]),
      ),
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInContext(page.context(), baseUrl, 'lee.employee@example.com');
    const errors = trackPageErrors(page);
    await page.goto(`${baseUrl}/knox-sim?as=E1002&tab=progress&doc=${apInfId}`);
    await page.getByLabel(/의견/).fill('내용 보완 후 재상신하겠습니다.');
    await page.getByRole('button', { name: '상신취소' }).click();
    await page.getByTestId('document-status').filter({ hasText: '상신취소' }).waitFor();
    expect(await knoxStatus(apInfId)).toMatchObject({ data: [{ apInfId, status: '4' }] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends a visitor who is not signed in to the sign-in page, and refuses the inbox actions', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/knox-sim?as=A2001`);
    await page.waitForURL(/\/sign-in/);
    await page.close();
    const inbox = await fetch(`${baseUrl}/knox-sim?as=A2001`, { redirect: 'manual' });
    expect(inbox.status).toBeGreaterThanOrEqual(300);
    expect(await inbox.text()).not.toContain('결재 대기');
  });

  it('refuses the Knox API without the simulator credentials', async () => {
    const response = await fetch(`${knox}/status`, { method: 'POST', body: '[]' });
    expect(response.status).toBe(401);
  });
});
