import { join } from 'node:path';
import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { TEST_ADMIN, TEST_PASSWORD, type Client } from '../../src/testing/test-client.ts';
import { contrastOf, nextFrames, PHONE, SHOTS, startBrowserWorld, WALL, withoutRefusals, type BrowserWorld, type OpenOptions } from './harness.ts';

const PAGES = [
  { name: 'tong-quan', path: '/', ready: '[data-testid="national-score"] [data-value]:not([data-value=""])' },
  { name: 'ban-do', path: '/ban-do', ready: '[data-testid="province-map"][data-archipelagos]' },
  { name: 'xep-hang', path: '/xep-hang', ready: 'tr[data-unit]' },
  { name: 'xep-hang-bo', path: '/xep-hang?level=ministry', ready: 'tr[data-unit]' },
  { name: 'don-vi-ha-noi', path: '/don-vi/01', ready: '[data-kpi="dossiers_total"] [data-value]' },
  { name: 'chi-tieu', path: '/chi-tieu/online_dossier_rate', ready: '#standing tbody tr' },
  { name: 'danh-muc-chi-tieu', path: '/chi-tieu', ready: '.catalogue-list li' },
  { name: 'nhiem-vu', path: '/nhiem-vu', ready: '#task-board h2' },
  { name: 'nhiem-vu-bkhcn', path: '/nhiem-vu?unit=BKHCN&role=coordinator', ready: '#task-board tr[data-task]' },
  { name: 'don-vi-quoc-gia', path: '/don-vi/VN?period=2025-12', ready: '.evidence' },
  { name: 'tong-quan-lang-en', path: '/?lang=en', ready: '[data-testid="national-score"] [data-value]:not([data-value=""])' },
  { name: 'xep-hang-en', path: '/xep-hang?lang=en', ready: 'tr[data-unit]' },
  { name: 'don-vi-ha-noi-en', path: '/don-vi/01?lang=en', ready: '[data-kpi="dossiers_total"] [data-value]' },
  { name: 'chi-tieu-en', path: '/chi-tieu/online_dossier_rate?lang=en', ready: '#standing tbody tr' },
  { name: 'nhiem-vu-en', path: '/nhiem-vu?lang=en&view=unit', ready: '#task-board tr[data-task]' },
];

let world: BrowserWorld;
let app: App;
/** The administrator, signed in through the API: writes in the tests, and the session cookie of signed-in pages. */
let admin: Client;

beforeAll(async () => {
  world = await startBrowserWorld();
  ({ app, admin } = world);
});

afterAll(async () => {
  await world?.stop();
});

interface DashboardOpenOptions extends Omit<OpenOptions, 'as'> {
  signedIn?: boolean;
}

/** Opens a page signed in as the administrator unless `signedIn` is false: then the public sees it. */
function open(path: string, { signedIn = true, ...options }: DashboardOpenOptions = {}) {
  return world.open(path, { ...options, as: signedIn ? admin : null });
}

/** Where Hà Nội's centre is drawn: two known points (the archipelago labels) give the map's linear projection. */
async function hanoiOnMap(map: Locator): Promise<{ x: number; y: number }> {
  const pixels = JSON.parse((await map.getAttribute('data-archipelago-pixels')) ?? '{}') as Record<string, { coord: [number, number]; at: [number, number] }>;
  const a = pixels['hoang-sa'];
  const b = pixels['truong-sa'];
  if (!a || !b) throw new Error('archipelago positions missing');
  const sx = (b.at[0] - a.at[0]) / (b.coord[0] - a.coord[0]);
  const sy = (b.at[1] - a.at[1]) / (b.coord[1] - a.coord[1]);
  const hanoi: [number, number] = [105.72, 21.0];
  return { x: a.at[0] + (hanoi[0] - a.coord[0]) * sx, y: a.at[1] + (hanoi[1] - a.coord[1]) * sy };
}

/** Runs in the page before its scripts: the map's box has no width until the style `collapse-map` is removed. */
function collapseMapOnLoad() {
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.id = 'collapse-map';
    style.textContent = '[data-testid="province-map"] { width: 0 !important; }';
    document.head.append(style);
  });
}



const postEvents = (lines: object[]) => admin.fetch('/api/events', {
  method: 'POST',
  headers: { 'content-type': 'application/x-ndjson' },
  body: lines.map((l) => JSON.stringify(l)).join('\n'),
});

/** What the public reads: no cookie. */
const publicJson = async <T,>(path: string): Promise<T> => (await fetch(`${app.url}${path}`)).json() as Promise<T>;

const dossiers = (unit: string, n: number, tag: string) => Array.from({ length: n }, (_, i) => ({
  id: `browser-${tag}-${i}`, type: 'dossier.submitted', unit, time: new Date().toISOString(), attributes: { channel: 'online' },
}));

describe('the dashboard in a real browser', () => {
  for (const p of PAGES) {
    it(`shows ${p.path} without console errors, on a wall screen and on a 360-px phone`, async () => {
      const { page, errors } = await open(p.path);
      await page.waitForSelector(p.ready, { timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SHOTS, `${p.name}.png`), fullPage: true });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForTimeout(300);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: join(SHOTS, `${p.name}-360.png`), fullPage: true });
      await page.close();
      expect(errors).toEqual([]);
      expect(scrollWidth).toBeLessThanOrEqual(360);
    });
  }

  it('lists no "Tốt" unit among those lagging behind, and no "Yếu" one among the leaders, saying so when none is left', async () => {
    // The scorecards as served, with every ministry rated "Tốt" and every province "Yếu" (scores and ranks unchanged).
    const { page } = await open('/', {
      beforeLoad: (p) => p.route(/\/api\/scorecard\?/, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { level: string; units: { band: string | null }[] };
        const band = body.level === 'ministry' ? 'tot' : 'yeu';
        await route.fulfill({ response, json: { ...body, units: body.units.map((u) => ({ ...u, band: u.band === null ? null : band })) } });
      }),
    });
    await page.waitForSelector('section.card h2:has-text("cần cố gắng")', { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    const card = (heading: string) => page.locator('section.card').filter({ has: page.getByRole('heading', { name: heading }) });
    const bands = (heading: string) => card(heading).locator('.toplist [data-band]').evaluateAll((els) => els.map((e) => e.getAttribute('data-band')));
    const laggingMinistries = await bands('Bộ, ngành cần cố gắng');
    const leadingProvinces = await bands('Tỉnh, thành dẫn đầu');
    const laggingProvinces = await bands('Tỉnh, thành cần cố gắng');
    const saysNone = await card('Bộ, ngành cần cố gắng').textContent();
    await page.close();
    expect(laggingMinistries).toEqual([]);
    expect(saysNone).toContain('Không có đơn vị nào dưới mức Tốt');
    expect(leadingProvinces).toEqual([]);
    expect(laggingProvinces.length).toBe(5);
  });

  it('labels the synthetic demo data on screen', async () => {
    const { page } = await open('/');
    await expect(page.locator('[data-testid="demo-banner"]').textContent({ timeout: 10_000 })).resolves.toContain('DỮ LIỆU MINH HỌA');
    await page.close();
  });

  it('draws all 34 provinces with the Hoàng Sa and Trường Sa archipelagos inside the map', async () => {
    const { page } = await open('/ban-do');
    const map = page.locator('[data-testid="province-map"][data-archipelagos]');
    await map.waitFor({ timeout: 15_000 });
    expect(await map.getAttribute('data-regions')).toBe('34');
    expect((await map.getAttribute('data-archipelagos'))?.split(',').sort()).toEqual(['hoang-sa', 'truong-sa']);
    await page.close();
  });

  it('draws the province map only once its box has a width, and without errors', async () => {
    const { page, errors } = await open('/ban-do', { beforeLoad: (p) => p.addInitScript(collapseMapOnLoad) });
    await page.getByTestId('map-legend').waitFor({ timeout: 15_000 });
    // The chart code and the map's shapes are loaded while the box has no width: a chart made now would be empty.
    await page.waitForLoadState('networkidle');
    await nextFrames(page);
    expect(errors).toEqual([]);
    expect(await page.getByTestId('province-map').getAttribute('data-archipelagos')).toBeNull();
    await page.evaluate(() => document.getElementById('collapse-map')?.remove());
    const map = page.locator('[data-testid="province-map"][data-archipelagos]');
    await map.waitFor({ timeout: 5_000 });
    expect((await map.getAttribute('data-archipelagos'))?.split(',').sort()).toEqual(['hoang-sa', 'truong-sa']);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('keeps the province map through a moment when its box has no width, and draws it again after', async () => {
    const { page, errors } = await open('/ban-do');
    const map = page.getByTestId('province-map');
    await page.locator('[data-testid="province-map"][data-archipelagos]').waitFor({ timeout: 15_000 });
    await map.evaluate((el) => { el.style.width = '0px'; });
    await nextFrames(page);
    expect(errors).toEqual([]);
    await map.evaluate((el) => { delete el.dataset.archipelagos; el.style.width = ''; });
    await page.locator('[data-testid="province-map"][data-archipelagos]').waitFor({ timeout: 5_000 });
    expect((await map.getAttribute('data-archipelagos'))?.split(',').sort()).toEqual(['hoang-sa', 'truong-sa']);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('opens a province profile when the province is clicked on the map', async () => {
    const { page } = await open('/ban-do');
    const map = page.locator('[data-testid="province-map"][data-archipelagos]');
    await map.waitFor({ timeout: 15_000 });
    // The banners above the map arrive with their own requests and can push it down: click relative to the map
    // itself, where it is at the moment of the click, never at page coordinates read earlier.
    await page.waitForLoadState('networkidle');
    // The pointer rests on the province first, as a person's does: the map redraws a province the pointer enters
    // (raised, darker), and a press during that redraw lost its click in about one run in ten.
    const hanoi = await hanoiOnMap(map);
    await map.hover({ position: hanoi });
    await map.locator('div', { hasText: 'Hà Nội' }).last().waitFor({ timeout: 5_000 });
    await nextFrames(page);
    await map.click({ position: hanoi });
    await page.waitForURL(/\/don-vi\/01/, { timeout: 5_000 });
    await page.waitForSelector('h1:has-text("Hà Nội")');
    await page.close();
  });

  it('names the province, its value and its rank when the pointer rests on it on the map', async () => {
    const { page, errors } = await open('/ban-do');
    const map = page.locator('[data-testid="province-map"][data-archipelagos]');
    await map.waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await map.hover({ position: await hanoiOnMap(map) });
    const tip = map.locator('div', { hasText: 'Hạng' }).last();
    await tip.waitFor({ timeout: 5_000 });
    expect(await tip.textContent()).toMatch(/^Hà NộiChỉ số tổng hợp: [\d,]+Hạng: \d+\/34Xếp loại: /);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('changes a value on an open page within a second of an event posted to the API', async () => {
    // The running month, where events of today land (a signed-in reader opens on the latest complete one).
    const { page } = await open(`/don-vi/01?period=${await serverMonth()}`);
    const cell = page.locator('[data-kpi="dossiers_total"] [data-value]');
    await cell.waitFor({ timeout: 15_000 });
    await page.waitForSelector('[data-live="live"]', { timeout: 10_000 });
    const before = Number(await cell.getAttribute('data-value'));
    const commune = app.core.ctx.units.children('01')[0] ?? '00004';
    const started = Date.now();
    expect((await postEvents(dossiers(commune, 3, 'live'))).ok).toBe(true);
    await page.waitForFunction((old) => Number(document.querySelector('[data-kpi="dossiers_total"] [data-value]')?.getAttribute('data-value')) !== old, before, { timeout: 1_000 });
    const elapsed = Date.now() - started;
    expect(Number(await cell.getAttribute('data-value'))).toBe(before + 3);
    expect(await page.locator('[data-kpi="dossiers_total"] .flash').count()).toBe(1);
    expect(elapsed).toBeLessThan(1_000);
    await page.close();
  });

  it('moves an open commune page when a commit over every commune arrives as a digest', async () => {
    const commune = app.core.ctx.units.children('01')[1] ?? '00007';
    const { page } = await open(`/don-vi/${commune}?period=${await serverMonth()}`);
    const cell = page.locator('[data-kpi="dossiers_total"] [data-value]');
    await cell.waitFor({ timeout: 15_000 });
    await page.waitForSelector('[data-live="live"]', { timeout: 10_000 });
    const before = Number(await cell.getAttribute('data-value'));
    // One event for each of 1,500 communes: far more changed cells than a stream message carries whole.
    const communes = [...app.core.ctx.units.all()].filter((u) => u.kind === 'commune' && u.code !== commune).slice(0, 1_500).map((u) => u.code);
    const lines = [...communes.flatMap((u) => dossiers(u, 1, `digest-${u}`)), ...dossiers(commune, 2, 'digest-own')];
    const reply = await postEvents(lines);
    expect(reply.ok).toBe(true);
    expect(((await reply.json()) as { changedKpis: number }).changedKpis).toBeGreaterThan(1_000);
    await page.waitForFunction((old) => Number(document.querySelector('[data-kpi="dossiers_total"] [data-value]')?.getAttribute('data-value')) !== old, before, { timeout: 3_000 });
    expect(Number(await cell.getAttribute('data-value'))).toBe(before + 2);
    await page.close();
  });

  it('switches the labels to English and back', async () => {
    const { page } = await open('/');
    await page.waitForSelector('nav a[aria-current="page"]');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Tổng quan');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Overview');
    expect(await page.locator('h1').first().textContent()).toBe('Overview');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: join(SHOTS, 'tong-quan-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Tổng quan');
    await page.close();
  });

  it('names units, indicators and pillars in English when English is on', async () => {
    const api = async <T,>(path: string): Promise<T> => (await admin.fetch(path)).json() as Promise<T>;
    type Named = { unit: { code: string; name: string; nameEn: string } };
    const { indicators, pillars } = await api<{ indicators: { code: string; name: string; nameEn: string }[]; pillars: { name: string; nameEn: string }[] }>('/api/indicators');

    const { page, errors } = await open('/xep-hang?lang=en');
    await page.waitForSelector('tr[data-unit="01"]', { timeout: 15_000 });
    const provinces = await api<{ units: Named[] }>('/api/scorecard?level=province');
    const shown = await page.locator('tr[data-unit] th a').allTextContents();
    expect(shown.sort()).toEqual(provinces.units.map((r) => r.unit.nameEn).sort());
    expect(await page.locator('tr[data-unit="01"] th').textContent()).toBe('Hanoi');
    expect(await page.locator('thead').textContent()).toContain(pillars[0]?.nameEn);
    await page.getByTestId('ranking-search').fill('hanoi');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-unit]').length === 1);

    await page.goto(`${app.url}/don-vi/01?lang=en`);
    await page.waitForSelector('tr[data-indicator]', { timeout: 15_000 });
    const rows = await page.locator('tr[data-indicator]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-indicator'), tr.querySelector('th')?.textContent]));
    expect(rows.length).toBeGreaterThan(0);
    for (const [code, text] of rows) expect(text).toBe(indicators.find((i) => i.code === code)?.nameEn);
    expect(await page.locator('.pillar-block h3').allTextContents()).toEqual(expect.arrayContaining([pillars[0]?.nameEn]));
    expect(await page.locator('.pillar-name').allTextContents()).toEqual(pillars.map((p) => p.nameEn));

    await page.goto(`${app.url}/nhiem-vu?lang=en`);
    await page.waitForSelector('#task-board tr[data-task]', { timeout: 15_000 });
    const leads = await page.locator('#task-board tr[data-task] td.wide a').allTextContents();
    expect(leads).toContain('Ministry of Science and Technology');
    expect(leads).not.toContain('Bộ Khoa học và Công nghệ');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('finds a unit for the task board by name without diacritics, with the keyboard, and narrows by its role', async () => {
    const { page, errors } = await open('/nhiem-vu');
    const box = page.getByRole('combobox', { name: 'Đơn vị (tỉnh, thành hoặc bộ, ngành)' });
    await box.waitFor({ timeout: 15_000 });
    await box.focus();
    await page.keyboard.type('ha noi');
    const hanoi = page.getByRole('option', { name: /Hà Nội/ });
    await hanoi.waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    expect(await page.locator('#unit-picker-list').isHidden()).toBe(true);

    await page.keyboard.type('khoa hoc');
    const option = page.getByRole('option', { name: /Bộ Khoa học và Công nghệ/ });
    await option.waitFor({ timeout: 5_000 });
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]unit=BKHCN/);
    expect(await box.inputValue()).toBe('Bộ Khoa học và Công nghệ');

    const total = async (role: string) => ((await (await admin.fetch(`/api/tasks?unit=BKHCN&role=${role}`)).json()) as { total: number }).total;
    const boardShows = (n: number) => page.waitForFunction((want) => document.querySelector('#task-board-title')?.textContent?.includes(`(${want})`), n, { timeout: 5_000 });
    await boardShows(await total('any'));
    const roles = page.getByRole('group', { name: 'Vai trò của đơn vị' });
    await roles.getByRole('button', { name: 'Phối hợp' }).click();
    await page.waitForURL(/[?&]role=coordinator/);
    await boardShows(await total('coordinator'));
    expect(await page.locator('#task-board tr[data-task] td.wide a').allTextContents()).not.toContain('Bộ Khoa học và Công nghệ');
    await roles.getByRole('button', { name: 'Chủ trì' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]role=lead/);
    await boardShows(await total('lead'));
    expect(new Set(await page.locator('#task-board tr[data-task] td.wide a').allTextContents())).toEqual(new Set(['Bộ Khoa học và Công nghệ']));

    await page.getByRole('button', { name: /Bỏ chọn đơn vị/ }).click();
    await page.waitForURL((url) => !url.search.includes('unit=') && !url.search.includes('role='));

    // On a phone the open list stays inside the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    await box.focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('#unit-picker-list [role="option"]').nth(40).waitFor({ timeout: 5_000 });
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#unit-picker-list [aria-selected="true"]').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'nhiem-vu-chon-don-vi-360.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
    expect(errors).toEqual([]);
  });

  it("shows the last report's evidence beside who sent it, shortened, with the whole text a click away", async () => {
    const vn = new Date(Date.now() + 7 * 3600_000);
    const quarter = `${vn.getUTCFullYear()}-Q${Math.floor(vn.getUTCMonth() / 3) + 1}`;
    const evidence = 'Theo báo cáo của Sở Khoa học và Công nghệ Hà Nội, đến cuối quý các nhà mạng đã lắp thêm 1.250 trạm phát sóng 5G, phủ sóng toàn bộ các phường nội thành và 80% các xã ngoại thành.';
    const res = await admin.fetch('/api/values', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ unit: '01', indicator: 'coverage_5g_pct', period: quarter, value: 88.5, source: 'Sở KH&CN Hà Nội', evidence }]),
    });
    expect(res.ok, await res.text()).toBe(true);
    const { page, errors } = await open('/don-vi/01');
    const cell = page.locator('tr[data-indicator="coverage_5g_pct"] .prov');
    await cell.locator('details.evidence').waitFor({ timeout: 15_000 });
    expect(await cell.textContent()).toContain('Sở KH&CN Hà Nội');
    const summary = cell.locator('summary');
    expect(await summary.getAttribute('title')).toBe(evidence);
    const short = (await summary.textContent()) ?? '';
    expect(short).toMatch(/^Minh chứng: .*…/);
    expect(short.length).toBeLessThan(evidence.length);
    expect(await cell.locator('.ev-full').isVisible()).toBe(false);
    await summary.click();
    expect(await cell.locator('.ev-full').textContent()).toBe(evidence);
    expect(await cell.locator('.ev-full').isVisible()).toBe(true);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('offers every month from the first scored one to the current month in the month picker', async () => {
    const { months: scored } = (await (await admin.fetch('/api/periods')).json()) as { months: string[] };
    const { time } = (await (await fetch(`${app.url}/api/health`)).json()) as { time: string };
    const now = new Date(new Date(time).getTime() + 7 * 3600_000);
    const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const oldest = scored.at(-1) ?? current;
    const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
    const { page, errors } = await open('/xep-hang');
    await page.waitForSelector('tr[data-unit]', { timeout: 15_000 });
    const select = page.getByTestId('period-select');
    await page.waitForFunction((want) => {
      const options = document.querySelector<HTMLSelectElement>('[data-testid="period-select"]')?.options;
      return options?.[options.length - 1]?.value === want;
    }, oldest, { timeout: 5_000 });
    const offered = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered[0]).toBe(current);
    expect(offered.at(-1)).toBe(oldest);
    expect(offered).toHaveLength(index(current) - index(oldest) + 1);
    expect(offered.length).toBeGreaterThan(13);
    await select.selectOption(oldest);
    await page.waitForURL(new RegExp(`period=${oldest}`));
    await page.waitForSelector(`#ranking-title:has-text("${oldest.slice(5)}/${oldest.slice(0, 4)}")`);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('reconnects by itself after a server restart and keeps the numbers live', async () => {
    const { page, errors } = await open(`/don-vi/01?period=${await serverMonth()}`);
    await page.waitForSelector('[data-live="live"]', { timeout: 10_000 });
    // Let the page finish loading its chart code first: this test is about the live stream coming back.
    await page.waitForLoadState('networkidle');
    await page.waitForSelector('.echart svg, [data-chart] svg, svg', { timeout: 10_000 });
    const restarted = world.restart();
    await page.waitForSelector('[data-live="offline"]', { timeout: 10_000 });
    app = await restarted;
    await page.waitForSelector('[data-live="live"]', { timeout: 20_000 });
    const cell = page.locator('[data-kpi="dossiers_total"] [data-value]');
    const before = Number(await cell.getAttribute('data-value'));
    const commune = app.core.ctx.units.children('01')[0] ?? '00004';
    await postEvents(dossiers(commune, 2, 'restart'));
    await page.waitForFunction((old) => Number(document.querySelector('[data-kpi="dossiers_total"] [data-value]')?.getAttribute('data-value')) === old + 2, before, { timeout: 2_000 });
    await page.close();
    // The browser logs the refused reconnection attempts while the server is down; nothing else may fail.
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|api\/stream|Failed to load resource/.test(e))).toEqual([]);
  });
});

/** The server's month in Vietnam time: never published, since it has not ended. */
async function serverMonth(): Promise<string> {
  const { time } = await publicJson<{ time: string }>('/api/health');
  const now = new Date(new Date(time).getTime() + 7 * 3600_000);
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The published months, newest first, as the public is told them (months, or records naming their month). */
async function publishedMonths(): Promise<string[]> {
  const { published } = await publicJson<{ published?: (string | { period: string })[] }>('/api/periods');
  return (published ?? []).map((p) => (typeof p === 'string' ? p : p.period));
}

const mmyyyy = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/** Every API request the page makes, by path. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) seen.push(url.pathname);
  });
  return seen;
}

describe('signing in, and what the public sees', () => {
  it('shows the public the overview of the latest published month, labelled as published, with no live stream', async () => {
    const published = await publishedMonths();
    const latest = published[0];
    if (!latest) throw new Error('the server reports no published month: fillDemo should publish the demo\'s past months (issue #5)');
    const context = await world.browser.newContext({ viewport: WALL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/`);
    await page.waitForSelector(PAGES[0]?.ready ?? '', { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    const mode = page.getByTestId('data-mode');
    expect(await mode.getAttribute('data-mode')).toBe('published');
    expect(await mode.textContent()).toBe(`Số liệu đã công bố (kỳ ${mmyyyy(latest)})`);
    expect(await page.getByTestId('sign-in-link').textContent()).toBe('Đăng nhập');
    const offered = await page.getByTestId('period-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(published);
    expect(await page.getByTestId('period-select').inputValue()).toBe(latest);
    expect(await page.locator('#tasks-card [data-testid="sign-in-notice"]').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'tong-quan-cong-khai.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'tong-quan-cong-khai-360.png'), fullPage: true });

    // On a phone the pages open from the header's menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    await page.getByTestId('sign-in-notice').waitFor({ timeout: 5_000 });
    await page.waitForLoadState('networkidle');
    await context.close();
    expect(requests.filter((p) => p === '/api/stream' || p.startsWith('/api/tasks') || p.startsWith('/api/directives'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the header\'s sign-in button legibly on every public page, at both widths and in both languages', async () => {
    for (const path of ['/', '/ban-do', '/xep-hang', '/chi-tieu', '/?lang=en']) {
      for (const viewport of [WALL, PHONE]) {
        const { page } = await open(path, { viewport, signedIn: false });
        const link = page.getByTestId('sign-in-link');
        await link.waitFor({ timeout: 15_000 });
        expect(await link.isVisible(), `${path} @ ${viewport.width}px`).toBe(true);
        expect(await contrastOf(link), `${path} @ ${viewport.width}px`).toBeGreaterThanOrEqual(4.5);
        await page.close();
      }
    }
  });

  it('asks the public to sign in for a month that is not published, without breaking the page', async () => {
    const month = await serverMonth();
    const { page, errors } = await open(`/?period=${month}`, { signedIn: false });
    const notice = page.getByTestId('sign-in-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('đăng nhập để xem số liệu trực tiếp');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/chưa được công bố/);
    const link = notice.getByRole('link', { name: 'Đăng nhập' });
    expect(await link.getAttribute('href')).toBe(`/dang-nhap?next=${encodeURIComponent(`/?period=${month}`)}`);
    await page.screenshot({ path: join(SHOTS, 'ky-chua-cong-bo.png'), fullPage: true });

    // Whatever the page asks, a 401 from the server reads as the same message, not as a failure.
    await page.route('**/api/scorecard?*', (route) => route.fulfill({
      status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'Kỳ chưa được công bố; cần đăng nhập để xem' } }),
    }));
    await page.goto(`${app.url}/xep-hang`);
    await page.getByTestId('sign-in-notice').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('sign-in-notice').textContent()).toContain('Kỳ này chưa được công bố — đăng nhập để xem số liệu trực tiếp');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('says so when the password is wrong, and keeps the reader on the form', async () => {
    const { page, errors } = await open('/dang-nhap', { signedIn: false });
    await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN);
    await page.getByLabel('Mật khẩu').fill('khong-phai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Sai' });
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect(await page.getByLabel('Mật khẩu').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    expect(await page.getByLabel('Mật khẩu').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(await page.getByTestId('data-mode').getAttribute('data-mode')).toBe('published');
    await page.screenshot({ path: join(SHOTS, 'dang-nhap-sai-mat-khau.png'), fullPage: true });
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('signs in with the keyboard alone on a 360-px phone, back to the page it came from', async () => {
    const { page, errors } = await open('/xep-hang', { viewport: PHONE, signedIn: false });
    await page.getByTestId('sign-in-link').waitFor({ timeout: 15_000 });
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'sign-in-link'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dang-nhap\?next=%2Fxep-hang/);
    const username = page.getByLabel('Tên đăng nhập');
    await username.waitFor({ timeout: 10_000 });
    expect(await username.getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Mật khẩu').getAttribute('autocomplete')).toBe('current-password');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username');
    await page.keyboard.type(TEST_ADMIN);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'dang-nhap-360.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/xep-hang');
    await page.waitForSelector('[data-mode="live"][data-live="live"]', { timeout: 10_000 });
    await page.waitForSelector('tr[data-unit]', { timeout: 15_000 });
    expect(await page.getByTestId('account').textContent()).toContain('Quản trị hệ thống');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'da-dang-nhap-360.png'), fullPage: true });
    // Nothing secret is kept where scripts can read it: the session cookie is HttpOnly, the password nowhere.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(TEST_PASSWORD);
    expect(stored).not.toContain('nhipso_session');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('signs in through the login page, shows live data that moves, and signs out to the published figures', async () => {
    const { page, errors } = await open('/', { signedIn: false });
    await page.getByTestId('sign-in-link').click();
    await page.waitForURL(/\/dang-nhap/);
    await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.screenshot({ path: join(SHOTS, 'dang-nhap.png'), fullPage: true });
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const live = page.locator('[data-mode="live"][data-live="live"]');
    await live.waitFor({ timeout: 10_000 });
    expect(await live.textContent()).toBe('Số liệu trực tiếp');
    expect(await page.getByRole('link', { name: /^Tài khoản: Quản trị hệ thống\s*Quản trị hệ thống$/ }).count()).toBe(1);
    // The latest complete month (decision 0028); the running one is a pick away.
    const { latestComplete } = (await (await admin.fetch('/api/periods')).json()) as { latestComplete: string };
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(latestComplete);
    expect(await page.getByTestId('period-select').locator('option', { hasText: 'đã công bố' }).count())
      .toBe((await publishedMonths()).length);
    await page.waitForSelector('[data-testid="tasks-overdue"] [data-value]:not([data-value=""])', { timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'tong-quan-da-dang-nhap.png'), fullPage: true });

    await page.getByRole('link', { name: 'Xếp hạng', exact: true }).click();
    await page.locator('tr[data-unit="01"] th a').click();
    const cell = page.locator('[data-kpi="dossiers_total"] [data-value]');
    await cell.waitFor({ timeout: 15_000 });
    const running = await serverMonth();
    const loaded = page.waitForResponse((r) => r.url().includes(`/kpis?period=${running}`));
    await page.getByTestId('period-select').selectOption(running);
    await loaded;
    await page.getByTestId('running-period').waitFor();
    await nextFrames(page);
    const before = Number(await cell.getAttribute('data-value'));
    const commune = app.core.ctx.units.children('01')[0] ?? '00004';
    expect((await postEvents(dossiers(commune, 4, 'login'))).ok).toBe(true);
    await page.waitForFunction((old) => Number(document.querySelector('[data-kpi="dossiers_total"] [data-value]')?.getAttribute('data-value')) === old + 4, before, { timeout: 2_000 });

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByTestId('sign-in-link').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('data-mode').getAttribute('data-mode')).toBe('published');
    expect((await page.request.get(`${app.url}/api/session`).then((r) => r.json()) as { user: unknown }).user).toBeNull();
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('makes an official with a one-time password choose a new one before anything else', async () => {
    const res = await admin.fetch('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bcd.thu', displayName: 'Thư ký Ban Chỉ đạo', role: 'steering' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { oneTimePassword } = (await res.json()) as { oneTimePassword: string };
    const { page, errors } = await open('/dang-nhap?next=%2Fxep-hang', { signedIn: false });
    await page.getByLabel('Tên đăng nhập').fill('bcd.thu');
    await page.getByLabel('Mật khẩu').fill(oneTimePassword);
    await page.getByLabel('Mật khẩu').press('Enter');
    const forced = page.getByTestId('forced-password');
    await forced.waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-unit]').count()).toBe(0);
    expect(await page.getByLabel('Mật khẩu mới', { exact: true }).getAttribute('autocomplete')).toBe('new-password');

    await page.getByLabel('Mật khẩu hiện tại').fill(oneTimePassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    expect(await page.getByTestId('password-error').textContent()).toContain('ít nhất 10 ký tự');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pw-next');
    await page.screenshot({ path: join(SHOTS, 'doi-mat-khau-bat-buoc.png'), fullPage: true });

    const chosen = 'mot-mat-khau-moi-dai-2026';
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(chosen);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(chosen);
    await page.getByLabel('Nhập lại mật khẩu mới').press('Enter');
    await page.waitForSelector('tr[data-unit]', { timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/xep-hang');
    expect(await page.getByTestId('account').textContent()).toContain('Thư ký Ban Chỉ đạo');
    expect(await page.getByTestId('account').textContent()).toContain('Ban Chỉ đạo');
    const session = (await page.request.get(`${app.url}/api/session`).then((r) => r.json())) as { user: { mustChangePassword: boolean } };
    expect(session.user.mustChangePassword).toBe(false);

    // Later, from the name in the header: the account page, where a wrong current password is refused by the server.
    await page.getByRole('link', { name: /^Tài khoản: Thư ký Ban Chỉ đạo/ }).click();
    await page.getByTestId('account-page').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('account-page').textContent()).toContain('bcd.thu');
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-dung-mat-khau');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-thu-ba-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-thu-ba-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByTestId('password-error').filter({ hasText: 'Mật khẩu hiện tại không đúng' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pw-current');
    await page.getByLabel('Mật khẩu hiện tại').fill(chosen);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu.' }).waitFor({ timeout: 10_000 });
    expect(await page.getByLabel('Mật khẩu mới', { exact: true }).inputValue()).toBe('');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });
});
