import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, signIn, type Client } from '../../src/testing/test-client.ts';
import { illegibleControls, nextFrames, PHONE, seriousViolations, shootBothWidths, startBrowserWorld, WALL, withoutRefusals, type BrowserWorld } from './harness.ts';

/** A 2×2 PNG, as a phone's camera would hand over a (much larger) photo. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNkYPjPwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

interface Task { id: number; parentId: number | null; leadUnit: { code: string }; status: string; completion: string; progress: number; daysOverdue: number | null; dueInDays: number | null }
interface Detail extends Task { history: { kind: string; note: string | null }[]; evidence: { mime: string | null; file_name: string | null }[] }

let world: BrowserWorld;
/** A commune's overdue sub-task from the demo (a province's infrastructure review handed down), and both units' editors. */
let task: Task;
let commune: Client;
let province: Client;

beforeAll(async () => {
  world = await startBrowserWorld();
  const { items } = (await (await world.admin.fetch('/api/tasks?status=qua_han&limit=1000')).json()) as { items: Task[] };
  const found = items.find((t) => t.parentId !== null && t.completion === 'none');
  if (!found) throw new Error('the demo has no overdue commune sub-task');
  task = found;
  const parent = (await (await world.admin.fetch(`/api/tasks/${found.parentId}`)).json()) as Task;
  await addTestUser(world.app.core, 'canbo.xa', 'editor', found.leadUnit.code);
  await addTestUser(world.app.core, 'canbo.tinh', 'editor', parent.leadUnit.code);
  commune = await signIn(world.app.url, 'canbo.xa');
  province = await signIn(world.app.url, 'canbo.tinh');
});

afterAll(async () => {
  await world?.stop();
});

const detail = async (): Promise<Detail> => (await (await world.admin.fetch(`/api/tasks/${task.id}`)).json()) as Detail;
const fieldProblem = (page: Page, id: string) => page.locator(`#${id}-problem`);

async function checkScreen(page: Page, name: string) {
  const { scrollWidth360 } = await shootBothWidths(page, name);
  expect(scrollWidth360).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await illegibleControls(page)).toEqual([]);
}

describe('a task worked in the browser, on a phone', () => {
  it('lets the commune open its task by its URL, report progress with a photo, and see it in the history', async () => {
    const { page, errors } = await world.open(`/nhiem-vu/${task.id}`, { as: commune, viewport: PHONE });
    await page.waitForSelector('[data-form="progress"]', { timeout: 15_000 });
    const late = page.locator('.task-head [data-days-overdue]');
    expect(await late.textContent()).toBe(`quá hạn ${task.daysOverdue} ngày`);
    expect(await page.locator('[data-form="decide"]').count()).toBe(0);
    expect(await page.locator('[data-refused="accept"]').textContent()).toMatch(/Chỉ đơn vị cấp trên của .+ hoặc Ban Chỉ đạo/);

    // A refused report writes nothing and says why beside the field.
    await page.getByLabel('Tiến độ (%)').fill('150');
    await page.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    await fieldProblem(page, 'progress').waitFor({ timeout: 5_000 });
    expect(await fieldProblem(page, 'progress').textContent()).toBe('Tiến độ phải từ 0 đến 100');
    expect(await page.getByLabel('Tiến độ (%)').getAttribute('aria-invalid')).toBe('true');
    expect((await detail()).progress).toBe(task.progress);

    const next = Math.min(100, task.progress + 10);
    await page.getByLabel('Tiến độ (%)').fill(String(next).replace('.', ','));
    await page.locator('#progress-note').fill('Đã rà soát 12 điểm truy cập Internet công cộng');
    const camera = page.locator('input[name="photos"]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    expect(await camera.getAttribute('capture')).toBe('environment');
    await camera.setInputFiles({ name: 'anh-hien-truong.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    await page.locator('.form-result.ok').waitFor({ timeout: 10_000 });

    const newest = page.locator('.history > li').first();
    await newest.locator('img').waitFor({ timeout: 10_000 });
    expect(await newest.getAttribute('data-event')).toBe('progress');
    expect(await newest.textContent()).toContain(`${next} %`);
    expect(await newest.textContent()).toContain('Đã rà soát 12 điểm truy cập Internet công cộng');
    expect(await newest.locator('img').getAttribute('alt')).toBe('Ảnh minh chứng: anh-hien-truong.png');
    expect(await newest.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
    const stored = await detail();
    expect(stored.progress).toBe(next);
    expect(stored.evidence).toContainEqual(expect.objectContaining({ file_name: 'anh-hien-truong.png', mime: 'image/png' }));

    await checkScreen(page, 'nhiem-vu-chi-tiet-xa');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('lets the commune submit its deliverable, refusing a submission without one', async () => {
    const { page, errors } = await world.open(`/nhiem-vu/${task.id}`, { as: commune, viewport: PHONE });
    await page.locator('[data-action="complete"] > summary').click();
    const form = page.locator('[data-form="complete"]');
    await form.getByRole('button', { name: 'Gửi sản phẩm' }).click();
    await fieldProblem(page, 'done-files').waitFor({ timeout: 5_000 });
    expect(await fieldProblem(page, 'done-files').textContent()).toBe('Báo cáo hoàn thành phải kèm sản phẩm (tệp hoặc đường dẫn)');
    expect((await detail()).completion).toBe('none');

    await form.getByLabel('Tệp sản phẩm').setInputFiles({ name: 'bao-cao-ra-soat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await form.getByLabel('Đường dẫn sản phẩm (mỗi dòng một đường dẫn)').fill('https://xa.gov.vn/bao-cao-ra-soat');
    await form.getByRole('button', { name: 'Gửi sản phẩm' }).click();
    await page.waitForSelector('.history > li[data-event="completion_submitted"]', { timeout: 10_000 });
    const delivered = page.locator('.history > li').first();
    expect(await delivered.locator('a[download]').textContent()).toBe('bao-cao-ra-soat.pdf');
    expect(await delivered.locator('a[href^="https://"]').textContent()).toBe('https://xa.gov.vn/bao-cao-ra-soat');
    expect(await page.locator('[data-awaiting]').count()).toBe(1);
    expect((await detail()).completion).toBe('submitted');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('lets the province above return the delivered sub-task, asking for the reason first', async () => {
    const { page, errors } = await world.open(`/nhiem-vu/${task.id}`, { as: province, viewport: PHONE });
    await page.waitForSelector('[data-form="reject"]', { timeout: 15_000 });
    expect(await page.locator('[data-awaiting]').count()).toBe(1);
    expect(await page.locator('[data-form="progress"]').count()).toBe(1);

    await page.getByRole('button', { name: 'Trả lại, yêu cầu làm tiếp' }).click();
    await fieldProblem(page, 'reject-reason').waitFor({ timeout: 5_000 });
    expect(await fieldProblem(page, 'reject-reason').textContent()).toBe('Phải nêu lý do không nghiệm thu');
    expect((await detail()).completion).toBe('submitted');

    await page.getByLabel('Lý do trả lại').fill('Thiếu danh mục thiết bị đề xuất khoanh lại');
    await page.getByRole('button', { name: 'Trả lại, yêu cầu làm tiếp' }).click();
    const newest = page.locator('.history > li').first();
    await page.waitForSelector('.history > li[data-event="completion_rejected"]', { timeout: 10_000 });
    expect(await newest.getAttribute('data-event')).toBe('completion_rejected');
    expect(await newest.textContent()).toContain('Thiếu danh mục thiết bị đề xuất khoanh lại');
    const stored = await detail();
    expect(stored.completion).toBe('none');
    expect(stored.history.at(-1)).toMatchObject({ kind: 'completion_rejected', note: 'Thiếu danh mục thiết bị đề xuất khoanh lại' });
    await nextFrames(page);
    expect(await page.locator('[data-form="reject"]').count()).toBe(0);

    await checkScreen(page, 'nhiem-vu-tra-lai-tinh');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('lets the province split its task for a commune beneath, naming a missing "rõ" beside its field first', async () => {
    const parentId = task.parentId ?? 0;
    const before = (await (await world.admin.fetch(`/api/tasks/${parentId}`)).json()) as { subtaskList: unknown[] };
    const { page, errors } = await world.open(`/nhiem-vu/${parentId}`, { as: province, viewport: PHONE });
    await page.locator('[data-action="split"] > summary').click();
    const form = page.locator('[data-form="split"]');
    await form.getByLabel('Đơn vị thực hiện').selectOption(task.leadUnit.code);
    await form.getByLabel('Nội dung nhiệm vụ con (rõ việc)').fill('Lập danh mục điểm truy cập Internet công cộng cần khoanh lại');
    await form.getByLabel('Người chịu trách nhiệm (rõ người)').fill('Nguyễn Thị Hoa');
    await form.getByLabel('Chức vụ').fill('Phó Chủ tịch UBND phường');
    await form.getByLabel('Thời hạn (rõ thời gian), vd. 31/12/2026').fill('15/12/2025');
    await form.getByLabel('Sản phẩm (rõ sản phẩm)').fill('Danh mục điểm truy cập đề xuất khoanh lại');
    await form.getByLabel('Cấp nghiệm thu (rõ thẩm quyền)').fill('UBND Thành phố Hà Nội');
    await form.getByRole('button', { name: 'Giao nhiệm vụ con' }).click();
    await fieldProblem(page, 'split-responsible-contact').waitFor({ timeout: 5_000 });
    expect(await fieldProblem(page, 'split-responsible-contact').textContent()).toBe('Thiếu thông tin liên hệ người chịu trách nhiệm (rõ người)');
    expect(((await (await world.admin.fetch(`/api/tasks/${parentId}`)).json()) as { subtaskList: unknown[] }).subtaskList).toHaveLength(before.subtaskList.length);

    await form.getByLabel('Điện thoại hoặc thư điện tử').fill('024 3825 1234');
    await form.getByRole('button', { name: 'Giao nhiệm vụ con' }).click();
    await page.locator('#subtasks tr[data-task]', { hasText: 'Lập danh mục điểm truy cập Internet công cộng' }).waitFor({ timeout: 10_000 });
    expect(((await (await world.admin.fetch(`/api/tasks/${parentId}`)).json()) as { subtaskList: unknown[] }).subtaskList).toHaveLength(before.subtaskList.length + 1);
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('shows the commune its own tasks first on a short tasks page, most overdue first, with the days counted', async () => {
    const { page, errors } = await world.open('/nhiem-vu', { as: commune, viewport: PHONE });
    await page.waitForSelector('#my-unit-tasks tr[data-task]', { timeout: 15_000 });
    await page.waitForSelector('#task-board details.task-group', { timeout: 15_000 });
    const mine = page.locator('#my-unit-tasks tr[data-task]');
    expect(await mine.first().getAttribute('data-task')).toBe(String(task.id));
    expect(await mine.first().locator('[data-days-overdue]').textContent()).toMatch(/^quá hạn \d+ ngày$/);
    await mine.first().locator('a').first().click();
    await page.waitForURL(new RegExp(`/nhiem-vu/${task.id}$`));
    await page.goBack();
    await page.waitForSelector('#my-unit-tasks tr[data-task]', { timeout: 15_000 });

    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(3 * PHONE.height);
    await checkScreen(page, 'nhiem-vu-xa');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });

  it('keeps the whole task board short at 360 px, overdue tasks first in each group', async () => {
    const { page, errors } = await world.open('/nhiem-vu', { viewport: PHONE });
    await page.waitForSelector('#task-board details.task-group', { timeout: 15_000 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(3 * PHONE.height);
    await page.locator('#task-board details.task-group summary').first().click();
    const rows = page.locator('#task-board details.task-group[open] tr[data-task]');
    await rows.first().waitFor({ timeout: 5_000 });
    const overdue = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('[data-days-overdue]')?.getAttribute('data-days-overdue') ?? -1)));
    const late = overdue.filter((d) => d >= 0);
    expect(overdue.slice(0, late.length)).toEqual(late);
    expect(late).toEqual([...late].sort((a, b) => b - a));
    await page.setViewportSize(WALL);
    await checkScreen(page, 'nhiem-vu-bang');
    await page.close();
    expect(withoutRefusals(errors)).toEqual([]);
  });
});
