import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.ts';
import { createTasks } from '../../src/tasks/task-commands.ts';
import { vietnamDate } from '../../src/tasks/deadline.ts';
import { clearTask, seedDirective } from '../../src/testing/task-fixtures.ts';
import { addTestUser, signIn, TEST_ADMIN, TEST_PASSWORD, type Client } from '../../src/testing/test-client.ts';
import { illegibleControls, PHONE, seriousViolations, shootBothWidths, startBrowserWorld, WALL, withoutRefusals, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
/** A ward of Hà Nội, its officer (an editor) and a viewer of the province. */
let commune = '';
let communeName = '';
let officer: Client;
let overdueTask = 0;

/** dd/mm/yyyy, `days` from today in Vietnam. */
const dayFromToday = (days: number) => {
  const [y, m, d] = vietnamDate(new Date(Date.now() + days * 86_400_000)).split('-');
  return `${d}/${m}/${y}`;
};

beforeAll(async () => {
  world = await startBrowserWorld();
  const core = world.app.core;
  commune = core.ctx.units.children('01')[0] ?? '';
  communeName = core.ctx.units.get(commune)?.name ?? '';
  await addTestUser(core, 'canbo.phuong', 'editor', commune);
  await addTestUser(core, 'xem.hanoi', 'viewer', '01');
  const { ids } = await createTasks(core, systemActor('test'), await seedDirective(core), [
    clearTask(commune, { title: 'Số hóa sổ hộ tịch của phường', deadline: dayFromToday(-12) }),
    clearTask(commune, { title: 'Cập nhật cổng thông tin của phường', deadline: dayFromToday(3) }),
  ]);
  overdueTask = ids[0] ?? 0;
  officer = await signIn(world.app.url, 'canbo.phuong');
});

afterAll(async () => {
  await world?.stop();
});

async function signInThroughHeader(page: Page, username: string): Promise<void> {
  await page.getByTestId('sign-in-link').click();
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * Findings of the shared header, on every page alike (the account link's and the language switch's labels do not
 * contain their visible text): the axe pass over every page (issue 27, item 6) fixes them there, not this file.
 */
const HEADER_FINDINGS = ['label-content-name-mismatch: [".account-who"]', 'label-content-name-mismatch: [".lang-switch"]'];
const pageFindings = async (page: Page) => (await seriousViolations(page)).filter((v) => !HEADER_FINDINGS.includes(v));

/** The page's quality bar: no horizontal scroll at 360 px, no serious axe finding, every control legible. */
async function checkQuality(page: Page, name: string): Promise<void> {
  const { scrollWidth360 } = await shootBothWidths(page, name);
  expect(scrollWidth360).toBeLessThanOrEqual(PHONE.width);
  expect(await pageFindings(page)).toEqual([]);
  expect(await illegibleControls(page)).toEqual([]);
  await page.setViewportSize(WALL);
  expect(await pageFindings(page)).toEqual([]);
  expect(await illegibleControls(page)).toEqual([]);
}

describe('Đơn vị của tôi', () => {
  it('lands a commune officer signing in on a 360-px phone on his ward\'s home, its score in the first screen', async () => {
    const { page, errors } = await world.open('/', { as: null, viewport: PHONE });
    await signInThroughHeader(page, 'canbo.phuong');
    await page.waitForURL((url) => url.pathname === '/don-vi-cua-toi');
    const score = page.getByTestId('home-score-value');
    await score.waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(communeName);
    expect(await page.getByTestId('national-score').count()).toBe(0);
    const box = await score.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(await score.locator('[data-value]').getAttribute('data-value')).toMatch(/^\d/);
    expect(await page.getByTestId('home-rank').textContent()).toMatch(/^Hạng \d+\/\d+$/);

    // What his ward must report for the month and by when, and the way to the form.
    await page.getByTestId('home-reporting-count').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('home-reporting-count').textContent()).toMatch(/^Đã báo cáo \d+\/\d+ số liệu phải nộp\.$/);
    expect(await page.getByTestId('home-report-now').getAttribute('href')).toMatch(/^\/bao-cao\?unit=\w+&period=\d{4}-\d{2}$/);

    // What needs him: the overdue task, by how many days, opening on its own page.
    const late = page.locator(`#attention [data-kind="overdue"] li[data-task="${overdueTask}"]`);
    await late.waitFor({ timeout: 15_000 });
    expect(await late.textContent()).toContain('Quá hạn 12 ngày');
    expect(await late.getByRole('link').getAttribute('href')).toBe(`/nhiem-vu/${overdueTask}`);
    expect(await page.locator('#attention [data-kind="due-soon"]').textContent()).toContain('Còn 3 ngày');
    expect(await page.locator(`#home-tasks li[data-task="${overdueTask}"] a`).getAttribute('href')).toBe(`/nhiem-vu/${overdueTask}`);
    expect(await page.getByTestId('my-unit-link').getAttribute('aria-current')).toBe('page');
    // On a phone the pages sit behind the header's menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await page.getByRole('link', { name: 'Xếp hạng', exact: true }).getAttribute('aria-current')).toBeNull();
    await page.getByRole('button', { name: 'Menu' }).click();
    await checkQuality(page, 'don-vi-cua-toi-phuong');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('takes an officer already signed in from the site\'s root to his home, and to the overview when he asks for it', async () => {
    const { page, errors } = await world.open('/', { as: officer, viewport: PHONE });
    await page.waitForURL((url) => url.pathname === '/don-vi-cua-toi');
    await page.getByTestId('home-score-value').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await page.getByTestId('national-score').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('shows a province viewer the province\'s communes with their bands, and what fell beneath it', async () => {
    const { page, errors } = await world.open('/', { as: null, viewport: PHONE });
    await signInThroughHeader(page, 'xem.hanoi');
    await page.waitForURL((url) => url.pathname === '/don-vi-cua-toi');
    await page.getByTestId('home-score-value').waitFor({ timeout: 15_000 });
    const communes = page.getByTestId('sub-units').locator('li');
    await communes.first().waitFor({ timeout: 15_000 });
    expect(await communes.count()).toBeGreaterThan(0);
    expect(await communes.first().locator('[data-band]').count()).toBe(1);
    expect(await page.getByTestId('attention').getAttribute('data-unit')).toBe('01');
    await checkQuality(page, 'don-vi-cua-toi-tinh');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('names the unit and its province on the account page, not its code', async () => {
    const { page, errors } = await world.open('/tai-khoan', { as: officer, viewport: PHONE });
    const account = page.getByTestId('account-page');
    await account.waitFor({ timeout: 15_000 });
    await page.getByTestId('account-unit').filter({ hasText: communeName }).waitFor({ timeout: 15_000 });
    const text = (await page.getByTestId('account-unit').textContent()) ?? '';
    expect(text).toContain('Hà Nội');
    expect(text).not.toContain(commune);
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('keeps the overview for the administrator, with what needs attention nationally and the units he pinned', async () => {
    const { page, errors } = await world.open('/', { as: null });
    await signInThroughHeader(page, TEST_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('national-score').waitFor({ timeout: 15_000 });
    await page.getByTestId('attention').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('attention').getAttribute('data-unit')).toBe('VN');
    expect(await page.getByTestId('my-unit-link').count()).toBe(0);
    expect(await page.locator('#attention [data-kind="overdue"] li a').first().getAttribute('href')).toMatch(/^\/nhiem-vu\/\d+$/);

    await page.goto(`${world.app.url}/don-vi/01`);
    await page.getByTestId('pin-toggle').click();
    expect(await page.getByTestId('pin-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    const pinned = page.getByTestId('pinned-units').locator('li[data-unit="01"]');
    await pinned.waitFor({ timeout: 15_000 });
    expect(await pinned.textContent()).toContain('Hà Nội');
    await checkQuality(page, 'tong-quan-can-chu-y');
    await page.getByRole('button', { name: 'Bỏ ghim Hà Nội' }).click();
    expect(await page.getByTestId('pinned-units').count()).toBe(0);
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });
});
