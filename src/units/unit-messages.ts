import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Messages of the units domain, shaped like src/shared/messages.ts: Vietnamese first, English second. */

const catalogue = {
  unitNotFound: { vi: 'Không tìm thấy đơn vị "{code}"', en: 'Unit "{code}" not found' },
  unitChangeRejected: { vi: 'Không thể thay đổi đơn vị: {count} lỗi', en: 'The unit change was rejected: {count} problem(s)' },
  unitRetired: {
    vi: 'Đơn vị "{code}" đã hết hiệu lực từ ngày {dateVi}',
    en: 'Unit "{code}" ceased to exist on {date}',
  },
  textRequired: { vi: 'Bắt buộc phải có', en: 'Required' },
  badDate: { vi: 'Ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2025-07-01)', en: 'Invalid date (YYYY-MM-DD, e.g. 2025-07-01)' },
  dateNotAfter: {
    vi: 'Ngày phải sau ngày hiệu lực hiện tại của "{code}" ({fromVi})',
    en: 'The date must be after the current validity start of "{code}" ({from})',
  },
  mergeNothing: { vi: 'Cần ít nhất một đơn vị để sáp nhập', en: 'At least one unit to merge is needed' },
  mergeIntoItself: { vi: 'Không thể sáp nhập đơn vị "{code}" vào chính nó', en: 'Cannot merge unit "{code}" into itself' },
  mergeKindMismatch: {
    vi: 'Đơn vị "{code}" ({kind}) không cùng cấp với đơn vị nhận sáp nhập "{into}" ({intoKind})',
    en: 'Unit "{code}" ({kind}) is not of the same level as the receiving unit "{into}" ({intoKind})',
  },
  sheetFormerUnit: {
    vi: '"{text}" ({former}) không còn từ ngày 01/07/2025, nay thuộc {successor}: hãy ghi đơn vị hiện hành. Số liệu các kỳ trước 01/07/2025 của đơn vị cũ phải được tổng hợp vào đơn vị mới trước khi nhập; hệ thống không tự chuyển',
    en: '"{text}" ({former}) ceased on 1 July 2025 and is now part of {successor}: write the current unit. Figures for periods before 1 July 2025 must be combined into the new unit before import; they are not carried over',
  },
  sheetUnitAmbiguous: {
    vi: 'Đơn vị "{text}" chưa xác định được, có thể là: {candidates}; hãy ghi mã đơn vị',
    en: 'Unit "{text}" is ambiguous, it could be: {candidates}; write the unit code',
  },
  sheetUnitOtherLevel: {
    vi: '"{text}" là {candidates}, không cùng cấp với các đơn vị của bảng ({levelVi})',
    en: '"{text}" is {candidates}, not of the level of the table\'s units ({levelEn})',
  },
} satisfies Record<string, Entry>;

export type UnitMessageKey = keyof typeof catalogue;

export const { msg: unitMsg, reason: unitReason } = defineMessages(catalogue);

/** "2025-07-01" → "01/07/2025", as Vietnamese readers write dates. */
export function viDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day ?? ''}/${month ?? ''}/${year ?? ''}`;
}
