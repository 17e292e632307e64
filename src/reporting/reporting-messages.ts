import { defineMessages } from '../shared/message-catalogue.ts';

/** Reporting: what a unit owes, by when, and the office's template, Vietnamese first. */
export const { msg: reportingMsg, reason: reportingReason } = defineMessages({
  templateTitle: { vi: 'BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ — {unit} — KỲ THÁNG {month}', en: 'DIGITAL TRANSFORMATION REPORT — {unit} — MONTH {month}' },
  templateHowTo: {
    vi: 'Điền số liệu vào trang "Báo cáo", mỗi dòng một đơn vị, mỗi cột một chỉ tiêu; để trống ô chưa có số liệu. Không sửa hai dòng tiêu đề.',
    en: 'Fill in the "Báo cáo" sheet, one row per unit and one column per indicator; leave a cell empty when there is no figure. Do not change the two header rows.',
  },
  templateNumbers: { vi: 'Số viết kiểu Việt Nam: 1.234,5 (dấu chấm ngăn hàng nghìn, dấu phẩy thập phân).', en: 'Numbers the Vietnamese way: 1.234,5 (dot for thousands, comma for decimals).' },
  templateDeadline: { vi: '{indicator} — kỳ {period}: hạn báo cáo {deadline}', en: '{indicator} — period {period}: due by {deadline}' },
  unitOutsideScope: { vi: 'Đơn vị "{unit}" nằm ngoài phạm vi báo cáo của tài khoản', en: 'Unit "{unit}" is outside the account\'s reporting scope' },
  communesOfProvince: { vi: 'Chỉ tỉnh, thành phố mới có mẫu cho các xã, phường trực thuộc', en: 'Only a province has a template for its communes' },
  evidenceTooLarge: { vi: 'Tệp minh chứng quá lớn (tối đa {max} MB)', en: 'The evidence file is too large (at most {max} MB)' },
});
