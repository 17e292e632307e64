import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { illegibleControls, nextFrames, PHONE, seriousViolations, shootBothWidths, startBrowserWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;

beforeAll(async () => {
  world = await startBrowserWorld();
});

afterAll(async () => {
  await world?.stop();
});

const SCORE_READY = (id: string) => `[data-testid="${id}"] [data-value]:not([data-value=""])`;

/** Top and bottom of an element on the page, in CSS pixels from the top of the document. */
async function box(page: Page, selector: string): Promise<{ top: number; bottom: number }> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
  });
}

describe('the first screen of a 360×740 phone', () => {
  for (const signedIn of [false, true]) {
    it(`gives the header and the demo banner at most a fifth of it, and shows the national score in it (${signedIn ? 'signed in' : 'public'})`, async () => {
      const { page, errors } = await world.open('/', { viewport: PHONE, as: signedIn ? world.admin : null });
      await page.waitForSelector(SCORE_READY('national-score'), { timeout: 15_000 });
      await page.waitForSelector('[data-testid="demo-banner"]');
      await nextFrames(page);
      const frame = await box(page, 'main');
      const score = await box(page, '[data-testid="national-score"]');
      const banner = await page.getByTestId('demo-banner').textContent();
      await page.close();
      expect(errors).toEqual([]);
      expect(frame.top).toBeLessThanOrEqual(148);
      expect(score.bottom).toBeLessThanOrEqual(PHONE.height);
      expect(banner).toContain('DỮ LIỆU MINH HỌA');
    });
  }

  it("shows a unit's score in it", async () => {
    const { page, errors } = await world.open('/don-vi/01', { viewport: PHONE });
    await page.waitForSelector(SCORE_READY('unit-score'), { timeout: 15_000 });
    await nextFrames(page);
    const frame = await box(page, 'main');
    const score = await box(page, '[data-testid="unit-score"]');
    await page.close();
    expect(errors).toEqual([]);
    expect(frame.top).toBeLessThanOrEqual(148);
    expect(score.bottom).toBeLessThanOrEqual(PHONE.height);
  });
});

/** Internal words that must never reach the screen: indicator codes (snake_case), roll-up codes, seed-article numbers. */
const INTERNAL = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\b(?:ratio|weighted_mean|latest|sum)\b|\bSeed \d{3}\b/g;

describe('administrative wording on screen', () => {
  const pages = [
    { path: '/', ready: SCORE_READY('national-score') },
    { path: '/ban-do', ready: '[data-testid="province-map"][data-archipelagos]' },
    { path: '/xep-hang', ready: 'tr[data-unit]' },
    { path: '/don-vi/01', ready: SCORE_READY('unit-score') },
    { path: '/don-vi/VN?period=2025-12', ready: '.evidence' },
    { path: '/chi-tieu', ready: '.catalogue-list li' },
    { path: '/chi-tieu/online_dossier_rate', ready: '#standing tbody tr' },
    { path: '/chi-tieu/digital_tech_enterprises_per_10k', ready: '#definition' },
    { path: '/chi-tieu/digital_signature_per_adult', ready: '#definition' },
  ];
  for (const p of pages) {
    it(`shows no internal code on ${p.path}`, async () => {
      const { page, errors } = await world.open(p.path);
      await page.waitForSelector(p.ready, { timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      const text = await page.locator('body').innerText();
      await page.close();
      expect(errors).toEqual([]);
      expect(text.match(INTERNAL) ?? []).toEqual([]);
    });
  }
});

describe('scratch', () => {
  it('shoots', async () => {
    for (const [name, path, as] of [['s-ov-pub', '/', null], ['s-ov-admin', '/', world.admin], ['s-unit', '/don-vi/01', world.admin]] as const) {
      const { page } = await world.open(path, { viewport: PHONE, as });
      await page.waitForSelector('[data-value]:not([data-value=""])', { timeout: 15_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: `test-results/screenshots/${name}.png` });
      await page.close();
    }
  });
});
