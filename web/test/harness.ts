import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fillDemo } from '../../src/demo/demo.ts';
import { signIn, TEST_ADMIN, TEST_PASSWORD, type Client } from '../../src/testing/test-client.ts';

/** What every browser test file shares: the real server with demo data, Debian's Chromium, and ways to look at pages. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
export const WALL = { width: 1440, height: 900 };
export const PHONE = { width: 360, height: 740 };

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Whose session the page carries: the administrator by default, another account, or none (the public). */
  as?: Client | null;
  /** Runs before the page is loaded: an init script or a route that prepares what the test needs. */
  beforeLoad?: (page: Page) => Promise<unknown>;
}

export interface BrowserWorld {
  app: App;
  /** The administrator, signed in through the API: writes in the tests, and the session of signed-in pages. */
  admin: Client;
  browser: Browser;
  /** Opens a page and records every console error and uncaught exception on it. */
  open(path: string, options?: OpenOptions): Promise<{ page: Page; errors: string[] }>;
  /** Stops the server and starts it again on the same port and database, as after a restart. */
  restart(): Promise<App>;
  stop(): Promise<void>;
}

/** Starts the server on a fresh database filled with the demo, and Chromium beside it. */
export async function startBrowserWorld({ months = 2, scale = 0.05 } = {}): Promise<BrowserWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'nhipso-web-'));
  mkdirSync(SHOTS, { recursive: true });
  const config = loadConfig({
    dbFile: join(dir, 'web.db'), host: '127.0.0.1', port: 0, logLevel: 'silent',
    adminUser: TEST_ADMIN, adminPassword: TEST_PASSWORD, rateLimitPerMinute: 100_000, loginRateLimitPerMinute: 100_000,
  });
  let app = await startApp(config);
  await fillDemo(app.core, { months, scale });
  const admin = await signIn(app.url, TEST_ADMIN);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Contexts closing after their page: the browser closes after them, or closing it rejects them unhandled.
  const closing: Promise<void>[] = [];
  const world: BrowserWorld = {
    app, admin, browser,
    async open(path, { viewport = WALL, as = admin, beforeLoad } = {}) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      if (as) await context.addCookies([sessionCookie(app.url, as)]);
      const page = await context.newPage();
      page.on('close', () => closing.push(context.close()));
      const errors: string[] = [];
      page.on('console', (m: ConsoleMessage) => {
        if (m.type() === 'error') errors.push(`${m.text()} @ ${m.location().url}`);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await beforeLoad?.(page);
      await page.goto(`${app.url}${path}`);
      return { page, errors };
    },
    async restart() {
      const port = Number(new URL(app.url).port);
      await app.stop();
      app = await startApp({ ...config, port });
      world.app = app;
      return app;
    },
    async stop() {
      // A failed test leaves its page open: its context is closed here, before the browser, like the others.
      await Promise.all([...closing, ...browser.contexts().map((c) => c.close())]);
      await browser.close();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

export function sessionCookie(url: string, client: Client) {
  const at = client.cookie.indexOf('=');
  return { name: client.cookie.slice(0, at), value: client.cookie.slice(at + 1), url, httpOnly: true, sameSite: 'Lax' as const };
}

/** Waits until the browser has drawn twice: layout, resize observers and a chart's own redraw have all run. */
export const nextFrames = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

/** Chromium logs a refused request as a console error; a refusal the page expects (401, or 400 for a bad form) is none. */
export const withoutRefusals = (errors: string[]) => errors.filter((e) => !/status of 40[01]/.test(e));

/** Screenshots of the page as it is, at 1440 px and at 360 px, kept in test-results/screenshots/NAME(-360).png. */
export async function shootBothWidths(page: Page, name: string): Promise<{ scrollWidth360: number }> {
  await page.setViewportSize(WALL);
  await nextFrames(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const scrollWidth360 = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: join(SHOTS, `${name}-360.png`), fullPage: true });
  return { scrollWidth360 };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core's serious and critical violations on the page as it is now, as "rule: target" lines (none is the goal);
 * `within`, a selector, limits the check to part of the page.
 */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  // Evaluated, not added as a <script>: the server's CSP (script-src 'self') refuses inline scripts, as it should.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(context?: string): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await (context ? axe.run(context) : axe.run());
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  }, within);
}

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
export function contrastOf(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [R = 0, G = 0, B = 0] = [r, g, b].map((c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    let back: number[] = [255, 255, 255];
    for (let node: Element | null = el; node; node = node.parentElement) {
      const [r = 0, g = 0, b = 0, a = 1] = rgb(getComputedStyle(node).backgroundColor);
      if (a > 0.99) { back = [r, g, b]; break; }
    }
    const [hi, lo] = [luminance(rgb(getComputedStyle(el).color)), luminance(back)].sort((x, y) => y - x);
    return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
  });
}

/** Every visible control on the page (links, buttons, inputs, selects) whose text contrast is below `min`. */
export async function illegibleControls(page: Page, min = 4.5): Promise<string[]> {
  const controls = page.locator('a:visible, button:visible, input:visible, select:visible, textarea:visible, summary:visible');
  const found: string[] = [];
  for (const control of await controls.all()) {
    const ratio = await contrastOf(control);
    if (ratio < min) found.push(`${(await control.evaluate((el) => el.outerHTML.slice(0, 120)))} (${ratio.toFixed(2)})`);
  }
  return found;
}
