import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { startApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { openCore, type Core } from '../core.ts';
import { fillDemo, startLiveTrickle } from '../demo/demo.ts';
import { importValueFile } from '../ingest/submit.ts';
import { rebuildAggregates } from '../kpi/rebuild.ts';
import { createDirective } from '../tasks/directives.ts';
import { exportTaskList } from '../tasks/export-tasks.ts';
import { importTaskSheet } from '../tasks/import-tasks.ts';
import { parseTaskFilter, type TaskFilterText } from '../tasks/task-filter.ts';
import { refreshAllOpenTasks } from '../tasks/task-refresh.ts';
import { vietnamDate } from '../tasks/deadline.ts';
import { listDirectives, listTasks, type TaskListItem } from '../tasks/task.query.ts';
import type { Actor } from '../writes/write-gate.ts';
import { registerAuthCommands } from './auth-commands.ts';
import { registerPeriodCommands } from './period-commands.ts';
import { reportError } from './report-error.ts';
import { tuneServerHeap } from './server-heap.ts';
import { NotFoundError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';

const cliActor: Actor = { id: `cli@${process.env.USER ?? 'local'}`, kind: 'system' };

interface CommonFlags { db?: string; port?: string; host?: string; logLevel?: string }

function configOf(flags: CommonFlags): Config {
  return loadConfig({
    dbFile: flags.db,
    port: flags.port ? Number(flags.port) : undefined,
    host: flags.host,
    logLevel: flags.logLevel as Config['logLevel'] | undefined,
  });
}

/** What a command opening the database takes from the configuration. */
const storeOf = ({ dbFile, earliest }: Config) => ({ dbFile, earliest });

const program = new Command()
  .name('nhipso')
  .description('Nhịp Số — đo lường, theo dõi, đánh giá KPI chuyển đổi số theo thời gian thực')
  .addOption(new Option('--db <file>', 'tệp cơ sở dữ liệu SQLite').env('NHIPSO_DB'))
  .addOption(new Option('--log-level <level>', 'mức ghi log').env('NHIPSO_LOG_LEVEL'));

program
  .command('serve')
  .description('chạy máy chủ web và API')
  .addOption(new Option('-p, --port <port>', 'cổng').env('NHIPSO_PORT'))
  .addOption(new Option('--host <host>', 'địa chỉ lắng nghe').env('NHIPSO_HOST'))
  .option('--demo', 'nạp dữ liệu minh họa nếu cơ sở dữ liệu còn trống')
  .option('--live', 'liên tục sinh sự kiện minh họa (tổng hợp) khi máy chủ chạy')
  .action(async (opts: CommonFlags & { demo?: boolean; live?: boolean }) => {
    tuneServerHeap();
    const config = configOf({ ...program.opts<CommonFlags>(), ...opts });
    const app = await startApp(config);
    // The parser's worker starts now, not when the first large batch is waiting for it.
    app.core.parser.warm().catch((error: unknown) => app.server.log.warn(`bộ đọc lô sự kiện chưa khởi động được: ${(error as Error).message}`));
    if (opts.demo) await fillDemo(app.core, { onlyIfEmpty: true, log: (m) => app.server.log.info(m) });
    const trickle = opts.live ? startLiveTrickle(app.core, { log: (m) => app.server.log.info(m) }) : undefined;
    app.server.log.info(`Nhịp Số đang chạy tại ${app.url.replace('127.0.0.1', 'localhost')} (API: /api, tài liệu: /api/docs)`);
    const shutdown = async () => {
      trickle?.stop();
      await app.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('demo')
  .description('nạp dữ liệu minh họa: số liệu quốc gia thật từ các bài báo + dữ liệu tỉnh/xã tổng hợp (có ghi nhãn)')
  .option('--months <n>', 'số tháng dữ liệu tổng hợp', '12')
  .option('--seed <n>', 'hạt giống ngẫu nhiên', '2025')
  .action(async (opts: { months: string; seed: string }) => {
    const core = await openCore(storeOf(configOf(program.opts())));
    try {
      await fillDemo(core, { months: Number(opts.months), seed: Number(opts.seed), log: (m) => console.log(m) });
    } finally {
      await core.close();
    }
  });

program
  .command('import <file>')
  .description('nhập số liệu từ tệp CSV hoặc XLSX (một dòng một đơn vị; cột là chỉ tiêu hoặc kỳ)')
  .option('--period <period>', 'kỳ báo cáo khi tệp không có cột "Kỳ" (vd. 10/2025, Quý III/2025, 2025)')
  .option('--indicator <code>', 'mã chỉ tiêu khi các cột là các kỳ')
  .option('--source <text>', 'nguồn số liệu')
  .action(async (file: string, opts: { period?: string; indicator?: string; source?: string }) => {
    const core = await openCore(storeOf(configOf(program.opts())));
    try {
      const result = await importValueFile(core, cliActor, await readInput(file), basename(file), opts);
      console.log(`Đã nhập ${result.accepted} giá trị từ ${basename(file)} (lô ${result.batchId}); ${result.changes.kpis.length} KPI và ${result.changes.scores.length} điểm thay đổi.`);
    } finally {
      await core.close();
    }
  });

program
  .command('recompute')
  .description('tính lại mọi tổng hợp, điểm và thứ hạng từ dữ liệu gốc')
  .action(async () => {
    const core = await openCore(storeOf(configOf(program.opts())));
    try {
      const stats = await rebuildAggregates(core, cliActor);
      console.log(`Đã tính lại từ ${stats.events} sự kiện và ${stats.reportedValues} số liệu báo cáo: ${stats.kpiCells} ô KPI, ${stats.scores} điểm, trong ${stats.ms} ms.`);
    } finally {
      await core.close();
    }
  });

interface TaskFlags { unit?: string; role?: string; status?: string; directive?: string; from?: string; to?: string; overdue?: boolean; dueSoon?: boolean; limit?: string }

const taskFilterOptions = (command: Command) =>
  command
    .option('--unit <code>', 'mã đơn vị chủ trì hoặc phối hợp')
    .option('--role <role>', 'vai trò của đơn vị: lead (chủ trì), coordinator (phối hợp), any')
    .option('--status <list>', 'trạng thái, cách nhau bởi dấu phẩy: chua_thuc_hien, dang_thuc_hien, hoan_thanh_dung_han, hoan_thanh_qua_han, qua_han')
    .option('--directive <ref>', 'số hiệu văn bản (vd. 4/TB-VPCP)')
    .option('--from <date>', 'thời hạn từ ngày (dd/mm/yyyy)')
    .option('--to <date>', 'thời hạn đến ngày (dd/mm/yyyy)')
    .option('--overdue', 'chỉ nhiệm vụ quá hạn')
    .option('--due-soon', 'chỉ nhiệm vụ sắp đến hạn');

const taskFilterOf = (flags: TaskFlags, core: Core) => {
  const text: TaskFilterText = {
    unit: flags.unit, role: flags.role, status: flags.status, directive: flags.directive, deadlineFrom: flags.from, deadlineTo: flags.to,
    overdue: flags.overdue, dueSoon: flags.dueSoon, limit: flags.limit === undefined ? undefined : Number(flags.limit),
  };
  return parseTaskFilter(text, core.ctx.units);
};

const tasks = program.command('tasks').description('nhiệm vụ theo văn bản chỉ đạo (đủ "6 rõ")');

taskFilterOptions(tasks.command('list'))
  .description('liệt kê nhiệm vụ: quá hạn trước, rồi sắp đến hạn, rồi theo thời hạn')
  .option('--limit <n>', 'số nhiệm vụ tối đa', '100')
  .action((flags: TaskFlags) =>
    withCore(async (core) => {
      // Deadlines may have passed while no server was running to move them.
      await refreshAllOpenTasks(core);
      const { items, total } = await listTasks(core.db, core.ctx.units, taskFilterOf(flags, core), vietnamDate(core.ctx.now()));
      console.log(taskTable(items));
      console.log(`${items.length}/${total} nhiệm vụ`);
    }));

tasks
  .command('import <file>')
  .description('nhập danh mục nhiệm vụ từ tệp XLSX hoặc CSV vào một văn bản; một dòng sai thì không nhiệm vụ nào được ghi')
  .requiredOption('--directive <ref>', 'số hiệu văn bản (vd. 4/TB-VPCP)')
  .action((file: string, opts: { directive: string }) =>
    withCore(async (core) => {
      const result = await importTaskSheet(core, cliActor, opts.directive, await readInput(file), basename(file));
      console.log(`Đã nhập ${result.ids.length} nhiệm vụ từ ${basename(file)} vào văn bản ${opts.directive}.`);
    }));

taskFilterOptions(tasks.command('export <out>'))
  .description('xuất danh sách nhiệm vụ ra tệp Excel (.xlsx)')
  .action((out: string, flags: TaskFlags) =>
    withCore(async (core) => {
      await refreshAllOpenTasks(core);
      await writeFile(out, await exportTaskList(core, taskFilterOf(flags, core)));
      console.log(`Đã xuất danh sách nhiệm vụ ra ${out}.`);
    }));

const directives = program.command('directives').description('văn bản chỉ đạo');

directives
  .command('list')
  .description('liệt kê văn bản chỉ đạo với tỷ lệ hoàn thành nhiệm vụ')
  .action(() =>
    withCore(async (core) => {
      const rows = await listDirectives(core.db);
      for (const d of rows) {
        console.log([d.number.padEnd(18), ddmmyyyy(d.issued_on), `${String(d.total).padStart(4)} nhiệm vụ`, `${String(d.completionPercent).padStart(6)}% hoàn thành`, truncate(d.title, 60)].join('  '));
      }
      console.log(`${rows.length} văn bản`);
    }));

directives
  .command('add')
  .description('đăng ký văn bản chỉ đạo')
  .option('--number <number>', 'số hiệu (vd. 4/TB-VPCP)')
  .option('--type <type>', 'loại văn bản (vd. Thông báo, Chỉ thị, Nghị quyết)')
  .option('--issued-on <date>', 'ngày ban hành (dd/mm/yyyy)')
  .option('--issuer <issuer>', 'cơ quan ban hành')
  .option('--title <title>', 'trích yếu')
  .action((opts: { number?: string; type?: string; issuedOn?: string; issuer?: string; title?: string }) =>
    withCore(async (core) => {
      const { number = '', type = '', issuedOn = '', issuer = '', title = '' } = opts;
      const row = await createDirective(core, cliActor, { number, type, issuedOn, issuer, title });
      console.log(`Đã đăng ký văn bản ${row.number} (mã ${row.id}).`);
    }));

registerAuthCommands(program, { actor: cliActor, withCore });
registerPeriodCommands(program, { actor: cliActor, withCore });

async function withCore(work: (core: Core) => Promise<void>): Promise<void> {
  const core = await openCore(storeOf(configOf(program.opts())));
  try {
    await work(core);
  } finally {
    await core.close();
  }
}

function taskTable(items: TaskListItem[]): string {
  const rows = [
    ['Mã', 'Thời hạn', 'Trạng thái', 'Đơn vị chủ trì', 'Nhiệm vụ'],
    ...items.map((t) => [String(t.id), ddmmyyyy(t.deadline), t.dueSoon ? `${t.statusLabel} (sắp đến hạn)` : t.statusLabel, truncate(t.leadUnit.name, 28), truncate(t.title, 70)]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const truncate = (text: string, max: number) => {
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new NotFoundError(msg('fileUnreadable', { reason: `${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }).vi);
  }
}

program.parseAsync(process.argv).catch((err: unknown) => {
  process.exit(reportError(err));
});
