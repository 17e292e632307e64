import { translator } from './i18n.ts';

/** Labels of the phone layout, the live-table pause, consistent numbers and print (vi first, en second). */
const messages = {
  menu: { vi: 'Menu', en: 'Menu' },
  demoMore: { vi: 'Chi tiết', en: 'Details' },
  demoLess: { vi: 'Thu gọn', en: 'Less' },
  pauseLive: { vi: 'Tạm dừng cập nhật', en: 'Pause updates' },
  pendingChanges: { vi: '{n} thay đổi mới — bấm để áp dụng', en: '{n} new changes — tap to apply' },
} as const;

export type PhoneKey = keyof typeof messages;

export const tp = translator(messages);
