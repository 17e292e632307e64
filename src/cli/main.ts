import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { startApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { openCore } from '../core.ts';
import { fillDemo, startLiveTrickle } from '../demo/demo.ts';
import { importValueFile } from '../ingest/submit.ts';
import { rebuildAggregates } from '../kpi/rebuild.ts';
import type { Actor } from '../writes/write-gate.ts';
import { reportError } from './report-error.ts';
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
    const config = configOf({ ...program.opts<CommonFlags>(), ...opts });
    const app = await startApp(config);
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
    const core = await openCore({ dbFile: configOf(program.opts()).dbFile });
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
    const core = await openCore({ dbFile: configOf(program.opts()).dbFile });
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
    const core = await openCore({ dbFile: configOf(program.opts()).dbFile });
    try {
      const stats = await rebuildAggregates(core, cliActor);
      console.log(`Đã tính lại từ ${stats.events} sự kiện và ${stats.reportedValues} số liệu báo cáo: ${stats.kpiCells} ô KPI, ${stats.scores} điểm, trong ${stats.ms} ms.`);
    } finally {
      await core.close();
    }
  });

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
