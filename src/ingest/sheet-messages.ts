import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Messages of the spreadsheet import, Vietnamese first; the older sheet messages live in src/shared/messages.ts. */
const catalogue = {
  sheetUnknownColumn: {
    vi: 'Không nhận ra cột "{header}": không phải chỉ tiêu, kỳ báo cáo hay cột được bỏ qua (STT, Đơn vị tính); sửa tiêu đề cho đúng tên chỉ tiêu hoặc xóa cột',
    en: 'Column "{header}" is not recognised: neither an indicator, a period nor a column that is passed over (STT, Đơn vị tính); fix its header to an indicator\'s name or remove the column',
  },
  sheetAmbiguousIndicator: {
    vi: 'Tiêu đề "{text}" có thể là nhiều chỉ tiêu ({codes}); ghi đúng tên đầy đủ hoặc mã chỉ tiêu',
    en: 'Header "{text}" could be several indicators ({codes}); write the full name or the indicator code',
  },
  sheetTwoPeriods: { vi: 'Cột "{header}" ghi hai kỳ báo cáo khác nhau', en: 'Column "{header}" names two different periods' },
  sheetNoHeaderColumn: {
    vi: 'Ô có dữ liệu ở cột không có tiêu đề; thêm tiêu đề hoặc xóa dữ liệu',
    en: 'A cell holds data in a column without a header; add a header or remove the data',
  },
  sheetFormulaNoResult: {
    vi: 'Ô {cell}: công thức chưa có kết quả tính — mở tệp bằng Excel/LibreOffice và lưu lại',
    en: 'Cell {cell}: a formula without a calculated result — open the file in Excel/LibreOffice and save it again',
  },
  sheetFieldCount: {
    vi: 'Dòng có {count} trường nhưng dòng tiêu đề có {expected}: số thập phân có dấu phẩy cần đặt trong ngoặc kép ("1,5") hoặc dùng dấu ; để ngăn cách các cột',
    en: 'The row has {count} fields but the header has {expected}: quote decimals written with a comma ("1,5") or separate columns with ;',
  },
  sheetManyTables: {
    vi: 'Tệp có bảng số liệu ở nhiều trang tính ({sheets}); mỗi lần chỉ nhập một bảng: xóa hoặc tách các trang còn lại',
    en: 'The file holds a table on several sheets ({sheets}); import one table at a time: remove or split the other sheets',
  },
  sheetDatePeriod: {
    vi: 'Kỳ là ngày {date} (ô kiểu ngày tháng) nhưng chỉ tiêu "{indicator}" báo cáo theo {typeVi}; ghi kỳ dạng chữ, ví dụ "10/2025", "Quý III/2025"',
    en: 'The period is the date {date} (a date cell) but indicator "{indicator}" is reported by {type}; write the period as text, e.g. "10/2025", "Quý III/2025"',
  },
} satisfies Record<string, Entry>;

export type SheetMessageKey = keyof typeof catalogue;
export type SheetReason = { reason: string; reasonEn: string };

export const { msg: sheetMsg, reason: sheetReason } = defineMessages(catalogue);
