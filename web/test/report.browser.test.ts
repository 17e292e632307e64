import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDue } from '../../src/reporting/report-due.query.ts';
import { addTestUser, signIn, type Client } from '../../src/testing/test-client.ts';
import { illegibleControls, PHONE, seriousViolations, shootBothWidths, startBrowserWorld, withoutRefusals, type BrowserWorld } from './harness.ts';

/** A commune officer of Phường Ba Đình reports on a 360-px phone: the form, the office's Excel sheet, a dropped link. */

let world: BrowserWorld;
let officer: Client;
const COMMUNE = '00004';

beforeAll(async () => {
  world = await startBrowserWorld();
  await addTestUser(world.app.core, 'canbo.badinh', 'editor', COMMUNE);
  officer = await signIn(world.app.url, 'canbo.badinh');
});
afterAll(async () => world?.stop());

async function due(): Promise<ReportDue> {
  const res = await officer.fetch(`/api/reporting/due?unit=${COMMUNE}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ReportDue;
}
const reported = async (indicator: string) => (await due()).items.find((i) => i.indicator === indicator)?.report?.value;

const field = (page: Page, indicator: string) => page.locator(`[data-indicator="${indicator}"]`);

/** The page as every screen must be: no console error, no sideways scroll at 360 px, no serious axe finding, legible controls. */
async function checkScreen(page: Page, name: string, errors: string[]): Promise<void> {
  const { scrollWidth360 } = await shootBothWidths(page, name);
  expect(scrollWidth360).toBeLessThanOrEqual(360);
  await page.setViewportSize(PHONE);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await illegibleControls(page)).toEqual([]);
  expect(withoutRefusals(errors)).toEqual([]);
}

describe('the report form on a phone', () => {
  it('reports this month’s values typed the Vietnamese way, each problem beside its field, and shows them stored', async () => {
    const { page, errors } = await world.open('/', { as: officer, viewport: PHONE });
    // On a phone the pages are opened from the header's menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByTestId('nav-report').click();
    await field(page, 'population').waitFor();
    expect(await page.getByTestId('report-lead').textContent()).toContain('Ba Đình');
    // The demo may have reported some of them already: a refused batch leaves each as it was.
    const before = await reported('households_total');

    await field(page, 'population').locator('input').fill('2.000.000.000.000.000');
    await field(page, 'households_total').locator('input').fill('1.234,5');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    // Checked in the browser by the API's rules: 1.234,5 is read as 1234.5, and households are whole.
    await expect.poll(() => field(page, 'households_total').locator('.report-problem').textContent()).toContain('số nguyên');
    await field(page, 'households_total').locator('input').fill('1.234');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    // Refused by the server (above 10^15), named beside its field; nothing of the batch is stored.
    await expect.poll(() => field(page, 'population').locator('.report-problem').textContent()).toContain('10^15');
    expect(await page.getByTestId('report-status').getAttribute('data-kind')).toBe('refused');
    expect(await reported('households_total')).toBe(before);
    await checkScreen(page, 'bao-cao-loi', errors);

    await field(page, 'population').locator('input').fill('25.432');
    await field(page, 'households_guided').locator('input').fill('1.200');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toContain('Đã gửi 3 giá trị');
    await expect.poll(() => field(page, 'population').getByTestId('last-report').textContent()).toContain('25.432');
    expect(await field(page, 'population').getAttribute('data-status')).toBe('reported');
    expect([await reported('population'), await reported('households_total'), await reported('households_guided')]).toEqual([25432, 1234, 1200]);
    await checkScreen(page, 'bao-cao', errors);
    await page.close();
  });
});

describe('the office’s Excel sheet', () => {
  it('downloads the template, names a wrong cell by row and column, previews the fixed file and writes it on confirmation', async () => {
    const { page, errors } = await world.open('/bao-cao', { as: officer, viewport: PHONE });
    await field(page, 'infra_systems_total').waitFor();
    const before = await reported('infra_systems_total');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-link').click()]);
    const template = await download.createReadStream();
    const book = new ExcelJS.Workbook();
    await book.xlsx.read(template);
    const sheet = book.getWorksheet('Báo cáo');
    if (!sheet) throw new Error('the template has no "Báo cáo" sheet');
    expect(String(sheet.getCell(1, 1).value)).toContain('BÁO CÁO');
    const header = sheet.getRow(3);
    let column = 0;
    header.eachCell((cell, c) => { if (String(cell.value).startsWith('Hệ thống, thiết bị hạ tầng số cấp xã đã đầu tư (')) column = c; });
    const cell = sheet.getCell(5, column);
    cell.value = 'mười hai';
    const wrong = Buffer.from(await book.xlsx.writeBuffer());
    cell.value = '12';
    const fixed = Buffer.from(await book.xlsx.writeBuffer());
    const letter = cell.address.replace(/\d+$/, '');

    const input = page.getByTestId('import-file');
    await input.setInputFiles({ name: 'bao-cao-ba-dinh.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: wrong });
    const problem = page.locator(`[data-testid="import-problems"] tr[data-line="5"][data-column="${letter}"]`);
    await problem.waitFor();
    expect(await problem.textContent()).toContain('mười hai');
    await checkScreen(page, 'bao-cao-excel-loi', errors);

    await input.setInputFiles({ name: 'bao-cao-ba-dinh.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
    const row = page.locator('[data-testid="import-preview"] tr[data-indicator="infra_systems_total"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Ba Đình');
    expect(await row.textContent()).toContain('12');
    expect(await reported('infra_systems_total')).toBe(before);
    await checkScreen(page, 'bao-cao-excel-xem-truoc', errors);

    await page.getByRole('button', { name: 'Xác nhận ghi' }).click();
    await expect.poll(() => page.getByTestId('import-written').textContent()).toContain('Đã ghi 1 giá trị');
    expect(await reported('infra_systems_total')).toBe(12);
    await expect.poll(() => field(page, 'infra_systems_total').getByTestId('last-report').textContent()).toContain('12 hệ thống');
    await page.close();
  });
});

describe('a dropped link', () => {
  it('keeps the report on the device while offline, says so, and sends it when the link returns', async () => {
    const { page, errors } = await world.open('/bao-cao', { as: officer, viewport: PHONE });
    await field(page, 'infra_systems_working').waitFor();
    const before = await reported('infra_systems_working');
    await page.context().setOffline(true);
    await field(page, 'infra_systems_working').locator('input').fill('1.009');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByTestId('report-status').getAttribute('data-kind')).toBe('queued');
    expect(await page.getByTestId('report-status').textContent()).toContain('sẽ tự động gửi khi có mạng');
    const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('nhipso.report-draft.')).map(([, v]) => JSON.parse(v) as unknown));
    expect(kept).toEqual([expect.objectContaining({ pending: true, values: { infra_systems_working: '1.009' } })]);
    expect(await reported('infra_systems_working')).toBe(before);
    const offline = await shootBothWidths(page, 'bao-cao-mat-mang');
    expect(offline.scrollWidth360).toBeLessThanOrEqual(360);

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('report-status').textContent(), { timeout: 15_000 }).toContain('Đã gửi 1 giá trị');
    expect(await reported('infra_systems_working')).toBe(1009);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('nhipso.report-draft.')))).toEqual([]);
    // What a dropped link logs (refused fetches, the stream's retries) is the network's doing, not the page's.
    expect(withoutRefusals(errors).filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|stream|EventSource/i.test(e))).toEqual([]);
    await page.close();
  });
});
