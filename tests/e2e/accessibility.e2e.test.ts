import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPages, isAdminPage, urlOf } from './app-pages';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, signInContext, trackPageErrors } from './browser';

/**
 * axe-core on every page under app/ (found on disk: a new page is checked without editing this
 * file, and fails here until its dynamic segments have a value below), as the people who use it —
 * signed out, an employee, an approver, an admin — on a desktop and on a 390 px phone, with data on
 * the pages (an open approval, a template with two versions). Every WCAG and best-practice rule
 * axe runs by default, plus label-content-name-mismatch. A phone must never scroll sideways.
 */

const baseUrl = e2eBaseUrl();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Pages for a signed-out visitor; /knox-sim is for any signed-in user. */
const SIGNED_OUT_PAGES = new Set(['app/sign-in/page.tsx', 'app/forbidden/page.tsx']);
const KNOX_SIM_PAGE = 'app/knox-sim/page.tsx';

/**
 * Values for dynamic segments, several sets where a page looks different per record (a vendor whose
 * PQ can be investigated, one that can be re-investigated, one that can be registered).
 */
const paramSets: Array<Record<string, string>> = [];

let browser: Browser;
const contexts = new Map<string, BrowserContext>();
let openApInfId = '';

const json = <T>(result: CallToolResult) =>
  JSON.parse(result.content.map((part) => (part.type === 'text' ? part.text : '')).join('')) as T;

async function mcp(token: string): Promise<Client> {
  const client = new Client({ name: 'accessibility-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/api/mcp', baseUrl), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

/** Kim asks for a registration through MCP and hangs up once Knox has the document: it stays open. */
async function openRegistration(kim: Client, vendorId: number): Promise<string> {
  const controller = new AbortController();
  const call = kim.callTool(
    { name: 'register_regular_vendor', arguments: { vendorId, reason: '접근성 점검' } },
    undefined,
    {
      signal: controller.signal,
      timeout: 60_000,
      resetTimeoutOnProgress: true,
      onprogress: (update) => found(update.message),
    },
  );
  let found: (message: string | undefined) => void = () => {};
  const apInfId = await new Promise<string>((resolve, reject) => {
    found = (message) => {
      const id = message?.match(/AP[0-9A-Z]{10,}/)?.[0];
      if (id) resolve(id);
    };
    // An answer before any progress (a refusal) ends the wait at once, naming what came back.
    call.then((result) => reject(new Error(`no Knox id: ${JSON.stringify(result)}`)), reject);
  });
  controller.abort();
  await call.catch(() => undefined);
  return apInfId;
}

async function signedIn(email: string | null): Promise<BrowserContext> {
  const key = email ?? 'signed-out';
  const existing = contexts.get(key);
  if (existing) return existing;
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ko-KR', viewport: DESKTOP });
  if (email) await signInContext(context, baseUrl, email);
  contexts.set(key, context);
  return context;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe's violations on the page as it is now, one readable line per element. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe
      .run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } })
      .then((result) => result.violations),
  );
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
    ),
  );
}

/** How far the page is wider than the window: 0 when nothing scrolls sideways. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

interface Visit {
  who: string | null;
  url: string;
}

function visitsOf(file: string): Visit[] {
  const urls = [...new Set(paramSets.map((params) => urlOf(file, params)))];
  if (SIGNED_OUT_PAGES.has(file)) return urls.map((url) => ({ who: null, url }));
  if (file === KNOX_SIM_PAGE) {
    return [
      { who: 'choi.teamlead@example.com', url: '/knox-sim?as=A2001' },
      { who: 'choi.teamlead@example.com', url: `/knox-sim?as=A2001&doc=${openApInfId}` },
      { who: 'kim.employee@example.com', url: `/knox-sim?as=E1001&tab=progress&doc=${openApInfId}` },
    ];
  }
  const people = isAdminPage(file)
    ? ['admin@example.com']
    : file.includes('[apInfId]')
      ? ['kim.employee@example.com', 'admin@example.com'] // Kim's document: hers and an admin's to read
      : ['kim.employee@example.com', 'choi.teamlead@example.com', 'admin@example.com'];
  return people.flatMap((who) => urls.map((url) => ({ who, url })));
}

beforeAll(async () => {
  const kim = await mcp('demo-kim.employee');
  const vendors = json<{ vendors: Array<{ id: number; name: string; status: string }> }>(
    (await kim.callTool({ name: 'list_vendors', arguments: { pageSize: 100 } })) as CallToolResult,
  ).vendors;
  const vendorNamed = (name: string) => vendors.find((vendor) => vendor.name === name)!.id;
  const firstPq = async (vendorId: number) =>
    String(
      json<{ submissions: Array<{ id: number }> }>(
        (await kim.callTool({ name: 'get_vendor', arguments: { vendorId } })) as CallToolResult,
      ).submissions[0]!.id,
    );
  // (주)한빛정밀: a PQ under review (실사의뢰 form); 세진산업: an investigation done (재의뢰 form);
  // 미래소재(주): PQ 승인 (정규업체 등록 form), with an open registration in Knox.
  const inspected = vendorNamed('(주)한빛정밀');
  const reinspected = vendorNamed('세진산업');
  const approved = vendorNamed('미래소재(주)');
  const pqs = [await firstPq(inspected), await firstPq(reinspected), await firstPq(approved)];
  // Last: hanging up the call ends this client's connection.
  openApInfId = await openRegistration(kim, approved);
  await kim.close().catch(() => undefined);
  const common = { templateId: '1', version: '1', apInfId: openApInfId };
  paramSets.push(
    { ...common, vendorId: String(inspected), pqId: pqs[0]! },
    { ...common, vendorId: String(reinspected), pqId: pqs[1]! },
    { ...common, vendorId: String(approved), pqId: pqs[2]! },
  );
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
});

describe('template versions', () => {
  it('lets an admin open an old version, read its diff against the current one and restore it as a new version', async () => {
    const page = await (await signedIn('admin@example.com')).newPage();
    const errors = trackPageErrors(page);
    await page.goto('/admin/templates/1');
    const editor = page.getByLabel('양식 HTML');
    const original = await editor.inputValue();
    await editor.fill(`${original}\n<p>접근성 점검 문구</p>`);
    await page.getByRole('button', { name: '새 버전으로 저장' }).click();
    await page.getByText('양식을 저장했습니다. (버전 2)').waitFor();

    await page.getByRole('link', { name: '보기 · 비교 · 복원 (버전 1)' }).click();
    await page.waitForURL(/\/admin\/templates\/1\/versions\/1$/);
    const diff = page.getByTestId('template-diff');
    await expect(diff.locator('tr[data-kind="added"]').textContent()).resolves.toContain('접근성 점검 문구');
    await expect(diff.locator('tr[data-kind="added"]').getByText('추가').count()).resolves.toBe(1);
    await expect(page.getByTestId('template-version-content').textContent()).resolves.toBe(original);
    await saveScreenshot(page, 'admin-template-version');

    await page.getByRole('button', { name: '이 버전으로 복원' }).click();
    const dialog = page.getByRole('dialog', { name: '버전 1을 복원할까요?' });
    await dialog.getByText('새 버전 3으로 저장됩니다').waitFor();
    await dialog.getByRole('button', { name: '복원', exact: true }).click();
    await page.getByText('버전 1 내용을 버전 3으로 복원했습니다.').waitFor();
    await page.waitForURL(/\/admin\/templates\/1$/);
    await expect(page.getByLabel('양식 HTML').inputValue()).resolves.toBe(original);

    await page.goto('/admin/audit');
    const event = page.getByRole('row').filter({ hasText: '버전 1 내용을 버전 3으로 복원' });
    await expect(event.textContent()).resolves.toContain('결재 양식 버전 복원');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('every page', () => {
  it('is found on disk, with the pages this test must know about', () => {
    const pages = findPages();
    expect(pages).toEqual(
      expect.arrayContaining([
        'app/sign-in/page.tsx',
        KNOX_SIM_PAGE,
        'app/(app)/page.tsx',
        'app/(app)/admin/templates/[templateId]/versions/[version]/page.tsx',
      ]),
    );
  });

  it('has no axe violation, on a desktop and on a 390 px phone, and never scrolls sideways on the phone', async () => {
    const found: string[] = [];
    let visited = 0;
    for (const file of findPages()) {
      for (const visit of visitsOf(file)) {
        const page = await (await signedIn(visit.who)).newPage();
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          const response = await page.goto(visit.url, { waitUntil: 'networkidle' });
          const where = `${visit.url} as ${visit.who ?? 'nobody'} at ${viewport.width} px`;
          if ((response?.status() ?? 500) >= 400) found.push(`${where}: HTTP ${response?.status()}`);
          for (const line of await axeViolations(page)) found.push(`${where}: ${line}`);
          if (viewport === PHONE) {
            const overflow = await sidewaysOverflow(page);
            if (overflow > 0) found.push(`${where}: scrolls sideways by ${overflow} px`);
          }
          visited++;
        }
        await page.close();
      }
    }
    expect(found).toEqual([]);
    expect(visited).toBeGreaterThan(40);
  }, 600_000);

  it('shows the not-found page without violations', async () => {
    const page = await (await signedIn('kim.employee@example.com')).newPage();
    await page.goto('/no-such-page');
    await expect(axeViolations(page)).resolves.toEqual([]);
    await page.close();
  });
});

describe('a 390 px phone', () => {
  it('shows the status columns of the approval list without scrolling', async () => {
    const page = await (await signedIn('kim.employee@example.com')).newPage();
    await page.setViewportSize(PHONE);
    await page.goto('/approval/log');
    const row = page.getByTestId('approval-row').filter({ hasText: openApInfId });
    for (const header of ['Knox 상태', '처리 상태']) {
      const box = await page.getByRole('columnheader', { name: header }).boundingBox();
      expect(box, header).not.toBeNull();
      expect(box!.x + box!.width, header).toBeLessThanOrEqual(PHONE.width);
    }
    const badge = await row.getByText('진행중', { exact: true }).boundingBox();
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'phone-approval-log');
    await page.goto('/knox-sim?as=A2001');
    await saveScreenshot(page, 'phone-knox-sim');
    await page.close();
  });
});

describe('/favicon.ico', () => {
  it('is an icon', async () => {
    const response = await fetch(`${baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });
});
