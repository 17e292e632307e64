import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Messages about indicator definitions and the values they accept, Vietnamese first. */
const catalogue = {
  outOfRange: { vi: 'Giá trị {value} của chỉ tiêu "{code}" nằm ngoài khoảng cho phép {range}', en: 'Value {value} of indicator "{code}" is outside the allowed range {rangeEn}' },
  notWhole: { vi: 'Chỉ tiêu "{code}" chỉ nhận số nguyên, không nhận {value}', en: 'Indicator "{code}" takes whole numbers only, not {value}' },
  rangeRequired: { vi: 'Chỉ tiêu nhập tay phải khai báo khoảng giá trị hợp lệ (valid: { min, max, integer })', en: 'A reported indicator must declare its valid range (valid: { min, max, integer })' },
  rangeEmpty: { vi: 'Khoảng giá trị rỗng: min ({min}) lớn hơn max ({max})', en: 'Empty range: min ({min}) is greater than max ({max})' },
  targetOutOfRange: { vi: 'Mục tiêu {value} nằm ngoài khoảng giá trị hợp lệ {range}', en: 'Target {value} is outside the valid range {rangeEn}' },
} satisfies Record<string, Entry>;

export type IndicatorMessageKey = keyof typeof catalogue;

export const { msg: indicatorMsg, reason: indicatorReason } = defineMessages(catalogue);
