import { lang } from './i18n.ts';

/** Labels of "Đơn vị của tôi", "Cần chú ý" and pinned units, Vietnamese first (the shared catalogue's pattern). */
const messages = {
  myUnit: { vi: 'Đơn vị của tôi', en: 'My unit' },
  myUnitOf: { vi: 'Đơn vị của tôi · {kind}', en: 'My unit · {kind}' },
  partOf: { vi: 'thuộc {name}', en: 'in {name}' },
  noUnit: { vi: 'Tài khoản này không gắn với một đơn vị: trang tổng quan là trang chính của bạn; ghim các đơn vị cần theo dõi để thấy chúng ở đó.', en: 'This account belongs to no unit: the overview is your home; pin the units you follow to see them there.' },
  homeSignIn: { vi: 'Đăng nhập để xem trang của đơn vị bạn.', en: 'Sign in to see your unit’s page.' },
  fullProfile: { vi: 'Hồ sơ đầy đủ của đơn vị', en: 'Full unit profile' },
  indexOf: { vi: 'Chỉ số chuyển đổi số — {period}', en: 'Digital transformation index — {period}' },
  notScored: { vi: 'Chưa có điểm cho kỳ này.', en: 'No score for this period yet.' },
  rankChange: { vi: 'so với tháng trước', en: 'vs last month' },
  myTasks: { vi: 'Nhiệm vụ của đơn vị', en: 'The unit’s tasks' },
  myTasksLead: { vi: 'Theo mức khẩn: quá hạn, sắp đến hạn, rồi theo thời hạn.', en: 'By urgency: overdue, due soon, then by deadline.' },
  allTasks: { vi: 'Xem tất cả {n} nhiệm vụ', en: 'See all {n} tasks' },
  noOpenTasks: { vi: 'Đơn vị không có nhiệm vụ nào.', en: 'The unit has no tasks.' },
  daysOverdue: { vi: 'Quá hạn {n} ngày', en: '{n} days overdue' },
  daysLeft: { vi: 'Còn {n} ngày', en: '{n} days left' },
  dueToday: { vi: 'Đến hạn hôm nay', en: 'Due today' },
  deadlineOn: { vi: 'Hạn {date}', en: 'Due {date}' },
  subUnits: { vi: 'Xã, phường trực thuộc', en: 'Communes and wards' },
  subUnitsSearch: { vi: 'Tìm xã, phường', en: 'Find a commune' },
  subUnitsMore: { vi: 'Xem cả {n} xã, phường trên hồ sơ tỉnh', en: 'See all {n} on the province profile' },
  attention: { vi: 'Cần chú ý', en: 'Needs attention' },
  attentionNone: { vi: 'Không có việc gì cần chú ý trong kỳ này.', en: 'Nothing needs attention this period.' },
  dropsTitle: { vi: 'Đơn vị tụt hạng', en: 'Units that fell' },
  dropBand: { vi: '{from} → {to}', en: '{from} → {to}' },
  dropRanks: { vi: 'hạng {from} → {to}', en: 'rank {from} → {to}' },
  overdueTitle: { vi: 'Nhiệm vụ quá hạn ({n})', en: 'Overdue tasks ({n})' },
  dueSoonTitle: { vi: 'Đến hạn trong 7 ngày ({n})', en: 'Due within 7 days ({n})' },
  shortfallsTitle: { vi: 'Chỉ tiêu xa kế hoạch nhất', en: 'Furthest below target' },
  shortfallLine: { vi: 'đạt {achievement} % kế hoạch ({value} / {target} {measure})', en: '{achievement} % of target ({value} / {target} {measure})' },
  reportingTitle: { vi: 'Báo cáo kỳ này', en: 'Reports due' },
  reportingNone: { vi: 'Đơn vị không phải báo cáo số liệu nào cho kỳ này.', en: 'The unit owes no reported value for this period.' },
  reportingCount: { vi: 'Đã báo cáo {reported}/{due} số liệu phải nộp.', en: '{reported} of {due} values due reported.' },
  reportBy: { vi: 'hạn {date} (còn {n} ngày)', en: 'due {date} ({n} days left)' },
  reportOverdue: { vi: 'hạn {date}, quá hạn {n} ngày', en: 'due {date}, {n} days overdue' },
  reportNow: { vi: 'Báo cáo ngay', en: 'Report now' },
  unreportedTitle: { vi: 'Chưa báo cáo đủ', en: 'Not fully reported' },
  unreportedTotal: { vi: 'Đã báo cáo {reported}/{expected} số liệu phải nộp ({share})', en: '{reported} of {expected} values due reported ({share})' },
  unitsComplete: { vi: '{done}/{units} đơn vị đã báo cáo đủ', en: '{done} of {units} units fully reported' },
  unitReported: { vi: 'đã báo cáo {reported}/{expected} ({share})', en: '{reported} of {expected} reported ({share})' },
  andMore: { vi: 'và {n} mục khác', en: 'and {n} more' },
  seeOverdue: { vi: 'Xem mọi nhiệm vụ quá hạn', en: 'See every overdue task' },
  tasksNeedSignIn: { vi: 'Nhiệm vụ chỉ hiện khi đã đăng nhập.', en: 'Tasks show once signed in.' },
  pin: { vi: 'Ghim lên trang tổng quan', en: 'Pin to the overview' },
  unpin: { vi: 'Bỏ ghim khỏi trang tổng quan', en: 'Unpin from the overview' },
  pinned: { vi: 'Đơn vị đã ghim', en: 'Pinned units' },
  pinnedNote: { vi: 'Danh sách ghim được lưu trên thiết bị này.', en: 'The pinned list is kept on this device.' },
  unpinName: { vi: 'Bỏ ghim {name}', en: 'Unpin {name}' },
} as const;

export type HomeKey = keyof typeof messages;

export function th(key: HomeKey, params: Record<string, string | number> = {}): string {
  const text: string = messages[key][lang.value];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
