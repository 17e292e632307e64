import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { illegibleControls, nextFrames, PHONE, shootBothWidths, startBrowserWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;

beforeAll(async () => {
  world = await startBrowserWorld();
});

afterAll(async () => {
  await world?.stop();
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations, axe evaluated through the devtools protocol: the app's
 * Content-Security-Policy (script-src 'self') refuses the inline script tag the harness's `seriousViolations` adds.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

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

  it("opens the pages from the menu, and the demo banner's whole sentence a tap away", async () => {
    const { page, errors } = await world.open('/', { viewport: PHONE, as: null });
    await page.waitForSelector('[data-testid="demo-banner"]', { timeout: 15_000 });
    const link = page.getByRole('navigation').getByRole('link', { name: 'Xếp hạng' });
    const hiddenAtFirst = !(await link.isVisible());
    const sentence = page.getByTestId('demo-banner').getByText('không phải số liệu thật', { exact: false });
    const foldedAtFirst = await sentence.evaluate((el) => el.getBoundingClientRect().width <= 1);
    await page.getByTestId('demo-banner').getByRole('button', { name: 'Chi tiết' }).click();
    const unfolded = await sentence.evaluate((el) => el.getBoundingClientRect().width > 100);
    await page.getByRole('button', { name: 'Menu' }).click();
    await link.click();
    await page.waitForURL(/\/xep-hang$/);
    const closedAfter = !(await link.isVisible());
    await page.close();
    expect(errors).toEqual([]);
    expect([hiddenAtFirst, foldedAtFirst, unfolded, closedAfter]).toEqual([true, true, true, true]);
  });

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

/** Rewrites a JSON answer of the real server before the page reads it. */
function rewrite<T>(pattern: RegExp, change: (body: T) => T) {
  return (page: Page) => page.route(pattern, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: change((await response.json()) as T) });
  });
}

interface ScorecardBody { units: { unit: { code: string }; score: number | null; band: string | null; change: number | null; pillars: Record<string, number> }[] }

describe('numbers read alike and agree with their bands', () => {
  it('shows a score just under a band threshold under it, beside its band, and a change that rounds to nothing as no change', async () => {
    const { page, errors } = await world.open('/xep-hang?lang=vi', {
      beforeLoad: rewrite<ScorecardBody>(/\/api\/scorecard\?/, (body) => ({
        ...body,
        units: body.units.map((u) => (u.unit.code === '01' ? { ...u, score: 64.96, band: 'trung_binh', change: -0.04 } : u)),
      })),
    });
    const row = page.locator('tr[data-unit="01"]');
    await row.waitFor({ timeout: 15_000 });
    const score = await row.locator('td').nth(1).innerText();
    const band = await row.locator('[data-band]').first().innerText();
    const change = await row.locator('.change').first().innerText();
    const scores = await page.locator('tr[data-unit] td:nth-child(3) [data-value]').allInnerTexts();
    await page.close();
    expect(errors).toEqual([]);
    expect(score).toBe('64,9');
    expect(band).toBe('Trung bình');
    expect(change).not.toMatch(/[▼▲−-]/);
    expect(scores.filter((s) => !/^\d+,\d$/.test(s))).toEqual([]);
  });

  it("shows an indicator's values with the same decimals in every row, and its band thresholds beside its table", async () => {
    const { page, errors } = await world.open('/chi-tieu/online_dossier_rate');
    await page.waitForSelector('#standing tbody tr [data-value]', { timeout: 15_000 });
    const values = await page.locator('#standing tbody tr td:nth-child(3)').allInnerTexts();
    const achievements = await page.locator('#standing tbody tr td:nth-child(6)').allInnerTexts();
    const note = await page.locator('#standing').innerText();
    const definition = await page.getByTestId('indicator-bands').innerText();
    await page.close();
    expect(errors).toEqual([]);
    // Rows with no value read "—" (or, once it lands, "Chưa báo cáo"): every figure has one decimal.
    const figures = [...values, ...achievements].filter((v) => /\d/.test(v));
    expect(figures.length).toBeGreaterThan(10);
    expect(figures.filter((v) => !/^\d{1,3}(\.\d{3})*,\d %$/.test(v))).toEqual([]);
    expect(note).toContain('Tốt ≥ 90 % kế hoạch');
    expect(definition).toContain('Tốt ≥ 90 % kế hoạch');
  });

  it("explains on a unit's scorecard the thresholds of an indicator that sets its own", async () => {
    const { page, errors } = await world.open('/don-vi/01');
    const note = page.getByTestId('band-note');
    await note.waitFor({ timeout: 15_000 });
    const text = await note.innerText();
    await page.close();
    expect(errors).toEqual([]);
    expect(text).toContain('Tốt ≥ 90 % kế hoạch');
    expect(text).toContain('Tốt ≥ 98 % kế hoạch');
  });
});

const postEvents = (lines: object[]) => world.admin.fetch('/api/events', {
  method: 'POST',
  headers: { 'content-type': 'application/x-ndjson' },
  body: lines.map((l) => JSON.stringify(l)).join('\n'),
});

const dossiers = (unit: string, n: number, tag: string, channel = 'online') => Array.from({ length: n }, (_, i) => ({
  id: `phone-${tag}-${i}`, type: 'dossier.submitted', unit, time: new Date().toISOString(), attributes: { channel },
}));

const lastChangeAt = async () => ((await (await world.admin.fetch('/api/health')).json()) as { lastChangeAt?: string }).lastChangeAt;

describe('the time of the data', () => {
  it('says when the data last changed, not when the page fetched it, and moves when a change arrives', async () => {
    const { page, errors } = await world.open('/');
    const clock = page.getByTestId('updated-clock').locator('time');
    await page.waitForSelector(SCORE_READY('national-score'), { timeout: 15_000 });
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForSelector(SCORE_READY('national-score'), { timeout: 15_000 });
    const before = await clock.getAttribute('datetime');
    const label = await page.getByTestId('updated-clock').innerText();
    const stored = await lastChangeAt();
    expect((await postEvents(dossiers('00004', 2, 'clock'))).ok).toBe(true);
    const changed = await lastChangeAt();
    await page.waitForFunction((at) => document.querySelector('[data-testid="updated-clock"] time')?.getAttribute('datetime') === at, changed, { timeout: 10_000 });
    await page.close();
    expect(errors).toEqual([]);
    expect(label).toMatch(/^Số liệu cập nhật lúc /);
    expect(before).toBe(stored);
  });
});

describe('tables on a 360-px phone', () => {
  const pages = [
    { path: '/xep-hang', ready: 'tr[data-unit]' },
    { path: '/xep-hang?level=commune&parent=01', ready: 'tr[data-unit]' },
    { path: '/xep-hang?indicator=online_dossier_rate', ready: 'tr[data-unit] [data-value]' },
    { path: '/don-vi/01', ready: '#communes tbody tr' },
    { path: '/ban-do', ready: '#map-table tbody tr' },
    { path: '/chi-tieu/online_dossier_rate', ready: '#standing tbody tr' },
  ];
  for (const p of pages) {
    it(`keeps every column of ${p.path} inside its card, the band readable`, async () => {
      const { page, errors } = await world.open(p.path, { viewport: PHONE });
      await page.waitForSelector(p.ready, { timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      const clipped = await page.locator('.data-table').evaluateAll((wraps) => wraps.flatMap((wrap) => {
        const edge = wrap.getBoundingClientRect().right + 0.5;
        const cells = [...wrap.querySelectorAll('tr:first-child > *, tbody tr:nth-child(-n+5) > *')].filter((c) => c.getBoundingClientRect().width > 0);
        return cells.filter((c) => c.getBoundingClientRect().right > edge).map((c) => `${wrap.getAttribute('aria-label')}: ${(c.textContent ?? '').slice(0, 30)}`);
      }));
      const bands = await page.locator('.data-table tbody [data-band]').evaluateAll((els) => els.slice(0, 20).filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().width < 20).length);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.close();
      expect(errors).toEqual([]);
      expect(clipped).toEqual([]);
      expect(bands).toBe(0);
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    });
  }
});

describe('a pause for live tables', () => {
  // The running month, where the events posted now land (a signed-in reader opens on the latest complete one).
  const RANKING = `/xep-hang?level=commune&parent=01&period=${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7)}`;
  const scoreOf = (page: Page, unit: string) => page.locator(`tr[data-unit="${unit}"] td:nth-child(3) [data-value]`).getAttribute('data-value');
  const order = (page: Page) => page.locator('tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')).join(','));

  it('holds the rows while paused, counts the changes that wait, and shows them when the reader applies them', async () => {
    const { page, errors } = await world.open(RANKING, { viewport: PHONE });
    await page.waitForSelector('tr[data-unit="00004"] [data-value]', { timeout: 15_000 });
    await page.getByTestId('pause-live').click();
    expect(await page.getByTestId('pause-live').getAttribute('aria-pressed')).toBe('true');
    const before = await scoreOf(page, '00004');
    const orderBefore = await order(page);
    expect((await postEvents(dossiers('00004', 40, 'pause', 'offline'))).ok).toBe(true);
    const apply = page.getByTestId('apply-changes');
    await apply.waitFor({ timeout: 10_000 });
    const label = await apply.innerText();
    const held = await scoreOf(page, '00004');
    const heldOrder = await order(page);
    await page.screenshot({ path: 'test-results/screenshots/phone-tam-dung-360.png' });
    await apply.click();
    await page.waitForFunction((was) => document.querySelector('tr[data-unit="00004"] td:nth-child(3) [data-value]')?.getAttribute('data-value') !== was, before, { timeout: 5000 });
    const stillWaiting = await apply.count();
    await page.getByTestId('pause-live').click();
    await page.close();
    expect(errors).toEqual([]);
    expect(label).toMatch(/^\d+ thay đổi mới — bấm để áp dụng$/);
    expect(held).toBe(before);
    expect(heldOrder).toBe(orderBefore);
    expect(stillWaiting).toBe(0);
  });

  it('moves live by default, and holds the rows while the reader touches the table', async () => {
    const { page, errors } = await world.open(RANKING, { viewport: PHONE });
    await page.waitForSelector('tr[data-unit="00008"] [data-value]', { timeout: 15_000 });
    expect(await page.getByTestId('pause-live').getAttribute('aria-pressed')).toBe('false');
    const first = await scoreOf(page, '00008');
    expect((await postEvents(dossiers('00008', 40, 'live'))).ok).toBe(true);
    await page.waitForFunction((was) => document.querySelector('tr[data-unit="00008"] td:nth-child(3) [data-value]')?.getAttribute('data-value') !== was, first, { timeout: 10_000 });
    const moved = await scoreOf(page, '00008');
    await page.locator('tr[data-unit="00008"]').dispatchEvent('pointerdown');
    const reply = await postEvents(dossiers('00008', 80, 'touch', 'offline'));
    expect(reply.ok).toBe(true);
    await page.getByTestId('apply-changes').waitFor({ timeout: 10_000 });
    const whileTouching = await scoreOf(page, '00008');
    await page.close();
    expect(errors).toEqual([]);
    expect(whileTouching).toBe(moved);
  });
});

describe('the province map', () => {
  it('draws without a TypeError, load after load, at both widths', async () => {
    const { page, errors } = await world.open('/ban-do');
    for (let i = 0; i < 20; i++) {
      if (i % 2) await page.setViewportSize(i % 4 === 1 ? PHONE : { width: 1440, height: 900 });
      await page.goto(`${world.app.url}/ban-do${i % 3 === 0 ? '?indicator=online_dossier_rate' : ''}`);
      await page.waitForSelector('[data-testid="province-map"][data-archipelagos]', { timeout: 15_000 });
    }
    await page.close();
    expect(errors).toEqual([]);
  }, 180_000);

  for (const [viewport, lang] of [[PHONE, 'vi'], [PHONE, 'en'], [{ width: 1440, height: 900 }, 'vi'], [{ width: 1024, height: 768 }, 'en']] as const) {
    it(`keeps the archipelagos' labels clear of the map's edge at ${viewport.width} px (${lang})`, async () => {
      const { page, errors } = await world.open(`/ban-do?lang=${lang}`, { viewport });
      await page.waitForSelector('[data-testid="province-map"][data-archipelagos]', { timeout: 15_000 });
      await nextFrames(page);
      const gaps = await page.getByTestId('province-map').evaluate((map) => {
        const edge = map.getBoundingClientRect();
        return [...map.querySelectorAll('text')].filter((t) => /Sa( \(.*\))?$/.test(t.textContent ?? '')).map((t) => {
          const r = t.getBoundingClientRect();
          return { label: t.textContent, gap: Math.min(r.left - edge.left, edge.right - r.right, r.top - edge.top, edge.bottom - r.bottom) };
        });
      });
      await page.close();
      expect(errors).toEqual([]);
      expect(gaps.length).toBe(2);
      for (const g of gaps) expect(g.gap, g.label ?? '').toBeGreaterThanOrEqual(8);
    });
  }
});

/** Pages of a PDF, counted by its page objects (`/Type /Page`, not `/Pages`). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

describe('print', () => {
  for (const unit of ['01', '00004', 'VN']) {
    it(`prints the profile of unit ${unit} on at most three A4 pages`, async () => {
      const { page, errors } = await world.open(`/don-vi/${unit}`);
      await page.waitForSelector(SCORE_READY('unit-score'), { timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      if (unit === '01') await page.waitForSelector('#communes tbody tr');
      await page.emulateMedia({ media: 'print' });
      // What the printed page looks like, at about an A4 page's printable width.
      await page.setViewportSize({ width: 720, height: 1000 });
      await nextFrames(page);
      await page.screenshot({ path: `test-results/screenshots/phone-in-${unit}.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `test-results/phone-in-${unit}.pdf` });
      await page.close();
      expect(errors).toEqual([]);
      expect(pdfPages(pdf)).toBeGreaterThan(0);
      expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
    });
  }
});

describe('every page of this part at 1440 and 360 px', () => {
  const pages = [
    { name: 'phone-tong-quan', path: '/', ready: SCORE_READY('national-score') },
    { name: 'phone-tong-quan-cong-chung', path: '/', ready: SCORE_READY('national-score'), as: null },
    { name: 'phone-xep-hang', path: '/xep-hang', ready: 'tr[data-unit]' },
    { name: 'phone-xep-hang-xa', path: '/xep-hang?level=commune&parent=01', ready: 'tr[data-unit]' },
    { name: 'phone-don-vi-ha-noi', path: '/don-vi/01', ready: '#communes tbody tr' },
    { name: 'phone-ban-do', path: '/ban-do', ready: '[data-testid="province-map"][data-archipelagos]' },
    { name: 'phone-chi-tieu', path: '/chi-tieu/on_time_rate', ready: '#standing tbody tr' },
    { name: 'phone-danh-muc', path: '/chi-tieu', ready: '.catalogue-list li' },
  ];
  for (const p of pages) {
    it(`shows ${p.path} (${p.as === null ? 'public' : 'signed in'}) with no console error, no sideways scroll, no serious axe violation, legible controls`, async () => {
      const { page, errors } = await world.open(p.path, { as: p.as === null ? null : world.admin });
      await page.waitForSelector(p.ready, { timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      const { scrollWidth360 } = await shootBothWidths(page, p.name);
      const violations = await axeViolations(page);
      const illegible = await illegibleControls(page);
      await page.close();
      expect(errors).toEqual([]);
      expect(scrollWidth360).toBeLessThanOrEqual(PHONE.width);
      expect(violations).toEqual([]);
      expect(illegible).toEqual([]);
    });
  }
});
