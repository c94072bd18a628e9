import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Every Content-Security-Policy violation any page of a browser launched here reported. */
const cspViolations: string[] = [];

/** Takes (and forgets) the violations seen so far; a test that provokes one on purpose takes it. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

// Every test that opens pages asserts, without saying so, that none of them broke the policy:
// a blocked script or style is a page that does not work as written.
afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([]);
});

/** Reports the page's `securitypolicyviolation` events, from before its first script runs. */
async function watchCspViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    cspViolations.push(text);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (text: string) => void })
      .__reportCspViolation;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        report(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI}` +
            (event.sourceFile ? ` from ${event.sourceFile}:${event.lineNumber}` : '') +
            (event.sample ? ` (${event.sample})` : ''),
        ),
      true,
    );
  });
}

/** Debian's Chromium, headless, with the flags this sandboxed machine needs; every context watched for CSP violations. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // browser.newPage() creates its context through newContext(), so both are covered.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCspViolations(context);
    return context;
  };
  return browser;
}

/** Signs a browser context in as a demo account (every one has the password demo1234!). */
export async function signInContext(context: BrowserContext, baseUrl: string, email: string): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/auth/sign-in/email`, {
    data: { email, password: 'demo1234!' },
    headers: { Origin: baseUrl },
  });
  if (!response.ok())
    throw new Error(`sign-in as ${email} failed: ${response.status()} ${await response.text()}`);
}

/** Collects console errors and uncaught page errors; a test asserts the list is empty. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
