import type { Command } from 'commander';
import { correctPublished } from '../publication/correct-published.ts';
import { listPublishedPeriods } from '../publication/publication.query.ts';
import { publishPeriod } from '../publication/publish-period.ts';
import type { CliContext } from './auth-commands.ts';

/** `nhipso periods …`: the report periods ("kỳ báo cáo") the public may see, and corrections to them. */
export function registerPeriodCommands(program: Command, cli: CliContext): void {
  const periods = program.command('periods').description('kỳ báo cáo: công bố (đóng băng điểm) và đính chính có lý do');

  periods.command('list').description('các kỳ đã công bố, mới nhất trước').option('--json', 'in dạng JSON').action((flags: { json?: boolean }) =>
    cli.withCore(async (core) => {
      const rows = await listPublishedPeriods(core.db, true);
      if (flags.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log('Chưa có kỳ báo cáo nào được công bố.');
      for (const p of rows) console.log(`${p.period}  công bố ${p.publishedAt} bởi ${p.publishedBy}, ${p.units} đơn vị, ${p.corrections} đính chính${p.note ? ` — ${p.note}` : ''}`);
    }));

  periods.command('publish <month>').description('công bố kỳ báo cáo (YYYY-MM, tháng đã kết thúc): điểm và thứ hạng được đóng băng')
    .option('--note <text>', 'ghi chú kèm theo').action((month: string, flags: { note?: string }) =>
      cli.withCore(async (core) => {
        const p = await publishPeriod(core, cli.actor, month, flags.note);
        console.log(`Đã công bố kỳ ${p.period}: điểm của ${p.units} đơn vị và ${p.values} giá trị chỉ tiêu; từ nay công chúng thấy kỳ này như đã công bố.`);
      }));

  periods.command('correct <month>').description('đính chính điểm và giá trị chỉ tiêu đã công bố theo số liệu hiện tại, bắt buộc nêu lý do')
    .requiredOption('--reason <text>', 'lý do đính chính (được công khai)')
    .option('--unit <code...>', 'chỉ các nhóm xếp hạng chứa các đơn vị này')
    .action((month: string, flags: { reason: string; unit?: string[] }) =>
      cli.withCore(async (core) => {
        const { corrections, values } = await correctPublished(core, cli.actor, month, flags.reason, { units: flags.unit });
        console.log(`Đã đính chính ${corrections.length} điểm và ${values.length} giá trị chỉ tiêu của kỳ ${month}; số liệu đã công bố trước đó được lưu cùng lý do.`);
      }));
}
