import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Progress lines of the demo loader, shaped like src/shared/messages.ts: Vietnamese first, English second. */

const catalogue = {
  alreadyFilled: {
    vi: 'Cơ sở dữ liệu đã có dữ liệu ({batches} lô) — không nạp thêm dữ liệu minh họa.',
    en: 'The database already holds data ({batches} batches) — no demo data added.',
  },
  starting: {
    vi: 'Nạp dữ liệu minh họa: {months} tháng ({from} – {to}), hạt giống {seed}, tỷ lệ {scale}.',
    en: 'Loading demo data: {months} months ({from} – {to}), seed {seed}, scale {scale}.',
  },
  realFigures: {
    vi: 'Đã ghi {count} số liệu quốc gia thật trích từ các bài báo nguồn (Thông báo 4/TB-VPCP, phiên họp BCĐ 24/9/2025…).',
    en: 'Stored {count} real national figures from the seed articles.',
  },
  valuesProgress: {
    vi: 'Giá trị báo cáo tổng hợp: {done}/{total}.',
    en: 'Synthetic reported values: {done}/{total}.',
  },
  skippedValues: {
    vi: 'Bỏ qua {count} giá trị không khớp danh mục chỉ tiêu hiện hành.',
    en: 'Skipped {count} values that do not fit the current catalogue.',
  },
  targets: {
    vi: 'Đã đặt {count} chỉ tiêu kế hoạch riêng cho Hà Nội và TP. Hồ Chí Minh.',
    en: 'Set {count} unit-specific targets for Hanoi and Ho Chi Minh City.',
  },
  month: {
    vi: 'Tháng {month}: {count} sự kiện tổng hợp ({seconds} giây).',
    en: 'Month {month}: {count} synthetic events ({seconds} s).',
  },
  done: {
    vi: 'Xong dữ liệu minh họa: {events} sự kiện, {values} giá trị báo cáo, trong {seconds} giây. Số liệu tỉnh, bộ, xã là tổng hợp và được ghi nhãn "{label}".',
    en: 'Demo data done: {events} events, {values} reported values, in {seconds} s. Per-unit figures are synthetic, labelled "{label}".',
  },
  liveStarted: {
    vi: 'Bật luồng sự kiện minh họa trực tiếp: mỗi {seconds} giây một lô.',
    en: 'Live demo events on: one batch every {seconds} s.',
  },
  liveFailed: {
    vi: 'Luồng sự kiện minh họa: gửi lô thất bại — {error}',
    en: 'Live demo events: a batch failed — {error}',
  },
} satisfies Record<string, Entry>;

export type DemoMessageKey = keyof typeof catalogue;

export const { msg: demoMsg } = defineMessages(catalogue);
