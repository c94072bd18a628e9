import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { submitBody } from '@/lib/knox-simulator/test-fixtures';
import { XSS_PAYLOADS } from '../reliability/xss-payloads';
import { e2eBaseUrl } from './app-server';
import { launchBrowser, saveScreenshot, signInContext } from './browser';

/**
 * Documents carrying every payload of tests/reliability/xss-payloads.ts — in the subject, the raw
 * HTML body, the drafter's and the approver's opinions, and (through MCP) a request's reason and
 * the rejecting approver's opinion — shown on the simulator's inbox and on the approval log pages
 * in Chromium. A payload that runs calls alert() or window.__xss(): both are watched.
 */

const baseUrl = e2eBaseUrl();
const knox = `${baseUrl}/knox-sim/approval/api/v2.0/approvals`;
const knoxHeaders = {
  'System-ID': SIMULATOR_SYSTEM_ID,
  Authorization: `Bearer ${SIMULATOR_TOKEN}`,
  'Content-Type': 'application/json',
};
const run = Date.now().toString(36);
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

// PostgreSQL text cannot hold NUL, so the one payload with a NUL byte is sent without it here (the
// reliability suite's bad-input tests cover NUL on its own).
const PAYLOADS = XSS_PAYLOADS.map((payload) => payload.replaceAll('\0', ''));
const groups: string[][] = [];
for (let index = 0; index < PAYLOADS.length; index += 10) groups.push(PAYLOADS.slice(index, index + 10));

/** A page whose every alert, confirm, prompt and __xss() call is recorded. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; fired: string[] }> {
  const page = await context.newPage();
  const fired: string[] = [];
  await page.exposeFunction('__xss', (marker: unknown) => {
    fired.push(`__xss(${String(marker)}) on ${page.url()}`);
  });
  page.on('dialog', (dialog) => {
    fired.push(`${dialog.type()}(${dialog.message()}) on ${page.url()}`);
    void dialog.dismiss();
  });
  return { page, fired };
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 900 },
  });
  contexts.push(context);
  return context;
}

async function control(path: string, body: unknown) {
  const response = await fetch(`${baseUrl}/knox-sim/sim/${path}`, {
    method: 'POST',
    headers: knoxHeaders,
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { result: string };
  expect(json.result, JSON.stringify(json)).toBe('success');
}

/** Lets a just-rendered page run whatever it would run (timers, autofocus, load handlers). */
const settle = (page: Page) => page.waitForTimeout(300);

describe('XSS payloads never run in the browser', () => {
  it('the watcher notices a payload that does run (so silence below means something)', async () => {
    const context = await newContext();
    const { page, fired } = await watchedPage(context);
    await page.setContent('<p>x</p><img src=x onerror=alert(23)><svg onload=window.__xss(31)>');
    await settle(page);
    expect(fired.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  const simDocuments: Array<{ apInfId: string; subject: string }> = [];

  it('in the Knox simulator inbox: subjects, bodies and opinions', { timeout: 300_000 }, async () => {
    for (const [index, group] of groups.entries()) {
      const apInfId = `xss-${run}-${index}`;
      const subject = group[0]!;
      const response = await fetch(`${knox}/submit`, {
        method: 'POST',
        headers: knoxHeaders,
        body: JSON.stringify(
          submitBody(
            apInfId,
            [
              { epId: 'E1001', seq: 0, role: 0, opinion: group[1] ?? group[0]! },
              { epId: 'A2001', seq: 1, role: 1 },
              { epId: 'A2002', seq: 2, role: 1 },
            ],
            { subject, contents: group.map((payload) => `<div>${payload}</div>`).join('\n') },
          ),
        ),
      });
      expect(await response.json()).toMatchObject({ result: 'success' });
      // The first approver approves with a payload as opinion; the document waits for the second.
      await control('act', { apInfId, epId: 'A2001', action: 'approve', opinion: group[2] ?? group[0]! });
      simDocuments.push({ apInfId, subject });
    }

    const context = await newContext();
    await signInContext(context, baseUrl, 'jung.director@example.com');
    const { page, fired } = await watchedPage(context);
    for (const epId of ['A2002', 'E1001']) {
      await page.goto(`/knox-sim?as=${epId}`);
      await settle(page);
    }
    for (const document of simDocuments) {
      await page.goto(`/knox-sim?as=A2002&doc=${encodeURIComponent(document.apInfId)}`);
      await expect(page.getByTestId('document-subject').textContent()).resolves.toBe(document.subject);
      await settle(page);
    }
    await saveScreenshot(page, 'xss-knox-inbox');
    expect(fired).toEqual([]);
  });

  it('on the approval log list and detail pages', { timeout: 300_000 }, async () => {
    const client = new Client({ name: 'xss-e2e', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/api/mcp', baseUrl), {
        requestInit: { headers: { authorization: 'Bearer demo-admin' } },
      }),
    );
    const vendors = (await client.callTool({
      name: 'list_vendors',
      arguments: { status: 'regular', pageSize: 100 },
    })) as CallToolResult;
    const text = vendors.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const vendor = (JSON.parse(text) as { vendors: Array<{ id: number }> }).vendors[0];
    expect(vendor).toBeTruthy();

    // Payload bundles that fit the 2,000-character reason; the rejecting opinion carries the same.
    const bundles: string[] = [];
    let current = '';
    for (const payload of PAYLOADS) {
      if (current.length + payload.length + 1 > 1900) {
        bundles.push(current);
        current = '';
      }
      current += `${payload}\n`;
    }
    if (current) bundles.push(current);

    const apInfIds: string[] = [];
    for (const reason of bundles) {
      const before = new Set(await inboxIds('A2001'));
      let finished: CallToolResult | undefined;
      const call = client.callTool(
        {
          name: 'suspend_vendor',
          arguments: { vendorId: vendor!.id, reason, timeoutSeconds: 60 },
        },
        undefined,
        { timeout: 90_000 },
      ) as Promise<CallToolResult>;
      void call.then((result) => {
        finished = result;
      });
      let apInfId: string | undefined;
      for (let attempt = 0; attempt < 150 && !apInfId && !finished; attempt += 1) {
        apInfId = (await inboxIds('A2001')).find((id) => !before.has(id));
        if (!apInfId) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(
        apInfId,
        `the suspension request never reached the inbox: ${JSON.stringify(finished)}`,
      ).toBeTruthy();
      await control('act', { apInfId, epId: 'A2001', action: 'reject', opinion: reason.slice(0, 3900) });
      const result = await call;
      expect(result.isError).toBe(true);
      apInfIds.push(apInfId!);
    }
    await client.close();

    const context = await newContext();
    const { page, fired } = await watchedPage(context);
    await page.goto('/sign-in');
    await page.getByLabel('이메일').fill('admin@example.com');
    await page.getByLabel('비밀번호').fill('demo1234!');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.goto('/approval/log');
    await settle(page);
    for (const apInfId of apInfIds) {
      await page.goto(`/approval/log/${encodeURIComponent(apInfId)}`);
      await page.getByText(apInfId).first().waitFor();
      await settle(page);
      // The payloads are on the page as text, not gone: the reader sees what was typed.
      const body = (await page.textContent('body')) ?? '';
      expect(body).toContain('onerror=alert(');
    }
    await saveScreenshot(page, 'xss-approval-detail');
    await page.goto('/admin/failed-actions');
    await settle(page);
    await saveScreenshot(page, 'xss-approval-log');
    expect(fired).toEqual([]);
  });
});

async function inboxIds(epId: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/knox-sim/sim/inbox?epId=${epId}`, { headers: knoxHeaders });
  const json = (await response.json()) as { data?: Array<{ apInfId: string }> };
  return (json.data ?? []).map((document) => document.apInfId);
}
