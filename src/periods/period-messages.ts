import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Times and periods outside what Nhịp Số accepts (see accepted-window.ts), Vietnamese first. */
const catalogue = {
  timeBeforeEarliest: { vi: 'Thời điểm trước ngày {earliest}, ngoài khoảng thời gian hệ thống nhận', en: 'Time before {earliest}, outside the period the system accepts' },
  timeTooFarAhead: { vi: 'Thời điểm ở tương lai quá xa: chậm nhất là {latest} (một ngày sau hiện tại)', en: 'Time too far in the future: {latest} at the latest (a day after now)' },
  badTimeValue: {
    vi: 'Thời điểm "{value}" không hợp lệ: cần ngày giờ có thật theo ISO 8601, ví dụ 2026-10-31T23:30:00+07:00 (không ghi múi giờ thì hiểu là giờ Việt Nam)',
    en: 'Invalid time "{value}": a real date and time in ISO 8601 is needed, e.g. 2026-10-31T23:30:00+07:00 (without an offset, Vietnam time is meant)',
  },
  periodBeforeEarliest: { vi: 'Kỳ "{value}" kết thúc trước ngày {earliest}, ngoài khoảng thời gian hệ thống nhận', en: 'Period "{value}" ends before {earliest}, outside the period the system accepts' },
  valuePeriodTooFarAhead: { vi: 'Kỳ "{value}" thuộc năm sau năm hiện tại ({year}): chưa thể có số liệu', en: 'Period "{value}" is after the current year ({year}): no figures can exist yet' },
  plannedPeriodTooFarAhead: { vi: 'Kỳ "{value}" quá xa: chỉ nhận đến năm {year}', en: 'Period "{value}" is too far ahead: up to {year} only' },
  badPeriodParam: {
    vi: 'Kỳ "{value}" không hợp lệ (YYYY-MM-DD, YYYY-MM, YYYY-Qn hoặc YYYY, ngày tháng có thật, từ {earliest} đến năm {year})',
    en: 'Invalid period "{value}" (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY, a real date, from {earliest} to the year {year})',
  },
} satisfies Record<string, Entry>;

export const { msg: periodMsg, reason: periodReason } = defineMessages(catalogue);
