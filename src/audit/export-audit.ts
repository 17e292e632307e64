import { tableToXlsx } from '../shared/xlsx-table.ts';
import type { AuditRecord } from './audit.query.ts';

/** Cells longer than this are cut in the sheet (Excel holds 32,767 characters); the database keeps everything. */
const MAX_CELL = 30_000;
const cell = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value).slice(0, MAX_CELL));

/** The audit trail as an Excel sheet: one row per record, with its hash so a copy can be checked against the chain. */
export function auditToXlsx(records: readonly AuditRecord[], note: string): Promise<Buffer> {
  return tableToXlsx({
    sheet: 'Nhật ký',
    title: 'Nhật ký thao tác ghi — Nhịp Số',
    notes: [note, `Xuất lúc ${new Date().toISOString()}`],
    rows: records,
    columns: [
      { header: 'STT', width: 8, value: (r) => r.seq },
      { header: 'Thời điểm (UTC)', width: 24, value: (r) => r.at },
      { header: 'Người/hệ thống', width: 24, value: (r) => r.actor },
      { header: 'Loại', width: 10, value: (r) => r.actorKind },
      { header: 'Địa chỉ', width: 16, value: (r) => r.ip ?? '' },
      { header: 'Thao tác', width: 20, value: (r) => r.action },
      { header: 'Đơn vị', width: 24, value: (r) => r.units.join(', ').slice(0, MAX_CELL) },
      { header: 'Đối tượng', width: 18, value: (r) => r.target ?? '' },
      { header: 'Trước', width: 40, value: (r) => cell(r.before) },
      { header: 'Sau', width: 40, value: (r) => cell(r.after) },
      { header: 'Mã băm', width: 66, value: (r) => r.hash },
    ],
  });
}
