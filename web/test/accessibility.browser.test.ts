import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { illegibleControls, nextFrames, PHONE, seriousViolations, startBrowserWorld, WALL, type BrowserWorld } from './harness.ts';

/** Every page of the dashboard (the list of dashboard.browser.test.ts), with what shows it is ready. */
const PAGES = [
  { path: '/', ready: '[data-testid="national-score"] [data-value]:not([data-value=""])' },
  { path: '/ban-do', ready: '[data-testid="province-map"][data-archipelagos]' },
  { path: '/xep-hang', ready: 'tr[data-unit]' },
  { path: '/xep-hang?level=ministry', ready: 'tr[data-unit]' },
  { path: '/don-vi/01', ready: '[data-kpi="dossiers_total"] [data-value]' },
  { path: '/chi-tieu/online_dossier_rate', ready: '#standing tbody tr' },
  { path: '/chi-tieu', ready: '.catalogue-list li' },
  { path: '/nhiem-vu', ready: '#task-board h2' },
  { path: '/nhiem-vu?unit=BKHCN&role=coordinator', ready: '#task-board tr[data-task]' },
  { path: '/don-vi/VN?period=2025-12', ready: '.evidence' },
  { path: '/?lang=en', ready: '[data-testid="national-score"] [data-value]:not([data-value=""])' },
  { path: '/xep-hang?lang=en', ready: 'tr[data-unit]' },
  { path: '/don-vi/01?lang=en', ready: '[data-kpi="dossiers_total"] [data-value]' },
  { path: '/chi-tieu/online_dossier_rate?lang=en', ready: '#standing tbody tr' },
  { path: '/nhiem-vu?lang=en&view=unit', ready: '#task-board tr[data-task]' },
];
/** Pages with no figures for the public say so instead: a sign-in notice, or the month not being published. */
const PUBLIC_READY = '[data-testid="unpublished"], .sign-in-notice, main h1';

let world: BrowserWorld;

beforeAll(async () => {
  world = await startBrowserWorld();
});

afterAll(async () => {
  await world?.stop();
});

describe('every page, for everyone, at both widths', () => {
  for (const signedIn of [true, false]) {
    for (const p of PAGES) {
      it(`has no serious accessibility violation and no illegible control on ${p.path}, ${signedIn ? 'signed in' : 'for the public'}`, async () => {
        const { page } = await world.open(p.path, { as: signedIn ? world.admin : null, viewport: WALL });
        await page.waitForSelector(signedIn ? p.ready : `${p.ready}, ${PUBLIC_READY}`, { timeout: 15_000 });
        await page.waitForLoadState('networkidle');
        const found: string[] = [];
        for (const viewport of [WALL, PHONE]) {
          await page.setViewportSize(viewport);
          await nextFrames(page);
          const at = `${viewport.width} px`;
          found.push(...(await seriousViolations(page)).map((v) => `${at} axe ${v}`));
          found.push(...(await illegibleControls(page)).map((c) => `${at} contrast ${c}`));
        }
        await page.close();
        expect(found).toEqual([]);
      });
    }
  }
});
