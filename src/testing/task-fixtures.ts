import { systemActor } from '../auth/actor.ts';
import type { Core } from '../core.ts';
import { createDirective } from '../tasks/directives.ts';
import { createTasks, submitCompletion } from '../tasks/task-commands.ts';
import type { TaskInput } from '../tasks/task-input.ts';

const operator = systemActor('test');

/** A task meeting "6 rõ", led by `leadUnit`, due at the end of 2026. */
export const clearTask = (leadUnit: string, over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Số hóa hồ sơ thủ tục hành chính',
  leadUnit,
  coordinators: [],
  responsible: { name: 'Nguyễn Văn A', position: 'Giám đốc Sở', contact: '024 3825 6789' },
  deadline: 'Quý 4/2026',
  deliverable: 'Báo cáo kết quả số hóa',
  approver: 'Chủ tịch UBND',
  ...over,
});

let directives = 0;
/** A fresh directive registered by the local operator; its number is unique within the process. */
export async function seedDirective(core: Core): Promise<string> {
  directives += 1;
  const number = `${directives}/KH-TEST-${process.pid}`;
  await createDirective(core, operator, { number, type: 'Kế hoạch', issuedOn: '05/01/2026', issuer: 'UBND', title: 'Kế hoạch chuyển đổi số' });
  return number;
}

/** A task under a fresh directive, led by `leadUnit`; `submitted` sends its deliverable so it awaits acceptance. */
export async function seedTask(core: Core, leadUnit: string, options: { submitted?: boolean } = {}): Promise<number> {
  const { ids: [id] } = await createTasks(core, operator, await seedDirective(core), [clearTask(leadUnit)]);
  if (id === undefined) throw new Error('no task created');
  if (options.submitted) await submitCompletion(core, operator, id, { links: ['https://example.gov.vn/bao-cao'] });
  return id;
}
