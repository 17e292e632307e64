import { signal } from '@preact/signals';

export type Lang = 'vi' | 'en';

/** Every label the dashboard shows, Vietnamese first. */
const messages = {
  appName: { vi: 'Nhịp Số', en: 'Nhịp Số' },
  tagline: { vi: 'Chuyển đổi số theo thời gian thực', en: 'Digital transformation, live' },
  skip: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  navOverview: { vi: 'Tổng quan', en: 'Overview' },
  navMap: { vi: 'Bản đồ', en: 'Map' },
  navRankings: { vi: 'Xếp hạng', en: 'Rankings' },
  navIndicators: { vi: 'Chỉ tiêu', en: 'Indicators' },
  navTasks: { vi: 'Nhiệm vụ', en: 'Tasks' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  switchLangLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  demoBanner: { vi: 'DỮ LIỆU MINH HỌA', en: 'SYNTHETIC DEMO DATA' },
  demoBannerText: {
    vi: 'Số liệu của các tỉnh, bộ, xã trên trang này là dữ liệu tổng hợp để trình diễn, không phải số liệu thật. Số liệu quốc gia ghi "Số liệu thực" lấy từ các bài báo nguồn.',
    en: 'Province, ministry and commune figures on this page are synthetic, made up for the demonstration. National figures marked "Real figure" come from the source articles.',
  },
  liveOn: { vi: 'Trực tiếp', en: 'Live' },
  liveConnecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  liveOff: { vi: 'Mất kết nối, đang thử lại', en: 'Disconnected, retrying' },
  updatedAt: { vi: 'Cập nhật lúc', en: 'Updated at' },
  secondsAgo: { vi: '{n} giây trước', en: '{n} s ago' },
  minutesAgo: { vi: '{n} phút trước', en: '{n} min ago' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  loadFailed: { vi: 'Không tải được dữ liệu', en: 'Could not load the data' },
  retry: { vi: 'Thử lại', en: 'Retry' },
  noData: { vi: 'Chưa có số liệu', en: 'No data yet' },
  exportExcel: { vi: 'Xuất Excel', en: 'Export to Excel' },
  period: { vi: 'Kỳ', en: 'Period' },
  month: { vi: 'Tháng', en: 'Month' },
  search: { vi: 'Tìm kiếm', en: 'Search' },
  searchUnits: { vi: 'Tìm đơn vị (có hoặc không dấu)', en: 'Find a unit (with or without diacritics)' },
  nationalIndex: { vi: 'Chỉ số chuyển đổi số quốc gia', en: 'National digital transformation index' },
  index: { vi: 'Chỉ số', en: 'Index' },
  indexShort: { vi: 'Chỉ số tổng hợp', en: 'Composite index' },
  pillars: { vi: 'Trụ cột', en: 'Pillars' },
  pillar: { vi: 'Trụ cột', en: 'Pillar' },
  goodMark: { vi: 'Mốc "Tốt": {n} điểm', en: '"Good" mark: {n} points' },
  vsLastMonth: { vi: 'so với tháng trước', en: 'vs last month' },
  trend12: { vi: 'Diễn biến 12 tháng', en: '12-month trend' },
  headline: { vi: 'Các chỉ tiêu chính', en: 'Headline indicators' },
  target: { vi: 'Kế hoạch', en: 'Target' },
  achievement: { vi: 'Mức đạt', en: 'Achievement' },
  value: { vi: 'Giá trị', en: 'Value' },
  band: { vi: 'Xếp loại', en: 'Band' },
  rank: { vi: 'Hạng', en: 'Rank' },
  rankOf: { vi: 'Hạng {rank}/{peers}', en: 'Rank {rank} of {peers}' },
  change: { vi: 'Thay đổi', en: 'Change' },
  rankChange: { vi: 'Đổi hạng', en: 'Rank change' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  code: { vi: 'Mã', en: 'Code' },
  realFigure: { vi: 'Số liệu thực', en: 'Real figure' },
  synthetic: { vi: 'Minh họa', en: 'Synthetic' },
  derived: { vi: 'Tổng hợp từ sự kiện và đơn vị cấp dưới', en: 'Rolled up from events and units below' },
  source: { vi: 'Nguồn', en: 'Source' },
  reportedBy: { vi: 'Người báo cáo', en: 'Reported by' },
  reportedAt: { vi: 'Thời điểm', en: 'When' },
  tasks: { vi: 'Nhiệm vụ', en: 'Tasks' },
  tasksOverdue: { vi: 'Quá hạn', en: 'Overdue' },
  tasksDueSoon: { vi: 'Sắp đến hạn', en: 'Due soon' },
  tasksTotal: { vi: 'Tổng số nhiệm vụ', en: 'All tasks' },
  tasksOpenBoard: { vi: 'Xem bảng nhiệm vụ', en: 'Open the task board' },
  bestProvinces: { vi: 'Tỉnh, thành dẫn đầu', en: 'Leading provinces' },
  worstProvinces: { vi: 'Tỉnh, thành cần cố gắng', en: 'Provinces lagging behind' },
  bestMinistries: { vi: 'Bộ, ngành dẫn đầu', en: 'Leading ministries' },
  worstMinistries: { vi: 'Bộ, ngành cần cố gắng', en: 'Ministries lagging behind' },
  bandSpread: { vi: 'Phân bố xếp loại 34 tỉnh, thành', en: 'Bands of the 34 provinces' },
  seeAll: { vi: 'Xem tất cả', en: 'See all' },
  provinces: { vi: 'Tỉnh, thành phố', en: 'Provinces' },
  ministries: { vi: 'Bộ, ngành', en: 'Ministries' },
  communes: { vi: 'Xã, phường thuộc tỉnh', en: 'Communes of a province' },
  communesOf: { vi: 'Xã, phường, đặc khu', en: 'Communes and wards' },
  level: { vi: 'Cấp', en: 'Level' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  sortBy: { vi: 'Sắp xếp theo', en: 'Sort by' },
  colourBy: { vi: 'Tô màu theo', en: 'Colour by' },
  filterBand: { vi: 'Lọc theo xếp loại', en: 'Filter by band' },
  all: { vi: 'Tất cả', en: 'All' },
  results: { vi: '{n} đơn vị', en: '{n} units' },
  mapTitle: { vi: 'Bản đồ 34 tỉnh, thành phố', en: 'Map of the 34 provinces' },
  mapHint: { vi: 'Di chuột hoặc chạm để xem giá trị và hạng; nhấn vào một tỉnh để mở hồ sơ.', en: 'Hover or tap for value and rank; click a province to open its profile.' },
  mapTable: { vi: 'Bảng số liệu theo tỉnh', en: 'Figures by province' },
  hoangSa: { vi: 'Quần đảo Hoàng Sa (Đà Nẵng)', en: 'Hoàng Sa archipelago (Đà Nẵng)' },
  truongSa: { vi: 'Quần đảo Trường Sa (Khánh Hòa)', en: 'Trường Sa archipelago (Khánh Hòa)' },
  noValue: { vi: 'Không có số liệu', en: 'No data' },
  groupTop: { vi: 'Nhóm {n}', en: 'Group {n}' },
  quartileNote: { vi: 'Chỉ tiêu không có kế hoạch: chia 4 nhóm theo giá trị (nhóm 1 tốt nhất).', en: 'No target for this indicator: four groups by value (group 1 best).' },
  profile: { vi: 'Hồ sơ đơn vị', en: 'Unit profile' },
  scorecard: { vi: 'Bảng chỉ tiêu', en: 'Scorecard' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  trend: { vi: 'Xu hướng', en: 'Trend' },
  provenance: { vi: 'Nguồn gốc số liệu', en: 'Where the value came from' },
  parentUnit: { vi: 'Trực thuộc', en: 'Part of' },
  kindNation: { vi: 'Quốc gia', en: 'Nation' },
  kindMinistry: { vi: 'Bộ, cơ quan ngang bộ', en: 'Ministry or agency' },
  kindProvince: { vi: 'Tỉnh, thành phố', en: 'Province or city' },
  kindCommune: { vi: 'Xã, phường, đặc khu', en: 'Commune or ward' },
  noTasks: { vi: 'Chưa có nhiệm vụ nào.', en: 'No tasks yet.' },
  deadline: { vi: 'Thời hạn', en: 'Deadline' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  status: { vi: 'Trạng thái', en: 'Status' },
  directive: { vi: 'Văn bản chỉ đạo', en: 'Directive' },
  leadUnit: { vi: 'Chủ trì', en: 'Lead' },
  responsible: { vi: 'Người chịu trách nhiệm', en: 'Responsible' },
  deliverable: { vi: 'Sản phẩm', en: 'Deliverable' },
  approver: { vi: 'Thẩm quyền nghiệm thu', en: 'Approver' },
  history: { vi: 'Lịch sử tiến độ', en: 'Progress history' },
  byDirective: { vi: 'Theo văn bản', en: 'By directive' },
  byUnit: { vi: 'Theo đơn vị', en: 'By unit' },
  onlyOverdue: { vi: 'Chỉ quá hạn', en: 'Overdue only' },
  definition: { vi: 'Định nghĩa', en: 'Definition' },
  measure: { vi: 'Đơn vị tính', en: 'Measure' },
  periodType: { vi: 'Kỳ báo cáo', en: 'Period type' },
  direction: { vi: 'Chiều tốt', en: 'Better when' },
  higher: { vi: 'Càng cao càng tốt', en: 'Higher' },
  lower: { vi: 'Càng thấp càng tốt', en: 'Lower' },
  rollup: { vi: 'Cách tổng hợp', en: 'Roll-up' },
  weight: { vi: 'Trọng số trong trụ cột', en: 'Weight in pillar' },
  formula: { vi: 'Công thức', en: 'Formula' },
  distribution: { vi: 'Phân bố giữa các đơn vị', en: 'Distribution across units' },
  furthestBehind: { vi: 'Xa kế hoạch nhất', en: 'Furthest behind target' },
  nationalTrend: { vi: 'Diễn biến toàn quốc', en: 'National trend' },
  notScored: { vi: 'Chỉ theo dõi, không tính điểm', en: 'Monitored, not scored' },
  allIndicators: { vi: 'Danh mục chỉ tiêu', en: 'Indicator catalogue' },
  notFound: { vi: 'Không tìm thấy trang', en: 'Page not found' },
  backHome: { vi: 'Về trang tổng quan', en: 'Back to the overview' },
  day: { vi: 'Ngày', en: 'Day' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  year: { vi: 'Năm', en: 'Year' },
  previous: { vi: 'Kỳ trước', en: 'Previous' },
  points: { vi: 'điểm', en: 'points' },
  open: { vi: 'Mở', en: 'Open' },
  done: { vi: 'Hoàn thành', en: 'Completed' },
  onlyThisDirective: { vi: 'Chỉ xem văn bản này', en: 'Only this directive' },
  close: { vi: 'Đóng', en: 'Close' },
  evidence: { vi: 'Minh chứng', en: 'Evidence' },
  coordinating: { vi: 'Phối hợp', en: 'Coordinating' },
  groupBy: { vi: 'Nhóm theo', en: 'Group by' },
  role: { vi: 'Vai trò của đơn vị', en: "Unit's role" },
  roleLead: { vi: 'Chủ trì', en: 'Lead' },
  roleCoordinator: { vi: 'Phối hợp', en: 'Coordinating' },
  roleAny: { vi: 'Tất cả', en: 'Either' },
  pickUnit: { vi: 'Đơn vị (tỉnh, thành hoặc bộ, ngành)', en: 'Unit (province or ministry)' },
  pickUnitHint: { vi: 'Gõ tên, có hoặc không dấu', en: 'Type a name, with or without diacritics' },
  clearUnit: { vi: 'Bỏ chọn đơn vị {name}', en: 'Clear the unit {name}' },
  unitMatches: { vi: '{n} đơn vị khớp', en: '{n} matching units' },
  noUnitMatch: { vi: 'Không có đơn vị nào khớp', en: 'No matching unit' },
} as const;

export type MessageKey = keyof typeof messages;

function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'vi') return asked;
  return localStorage.getItem('nhipso.lang') === 'en' ? 'en' : 'vi';
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  localStorage.setItem('nhipso.lang', next);
  document.documentElement.lang = next;
}
document.documentElement.lang = lang.value;

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = messages[key][lang.value];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Picks the English name of a thing when English is on and it has one. */
export function localName(vi: string, en: string | null | undefined): string {
  return lang.value === 'en' && en ? en : vi;
}

/** A unit's name in the reader's language: `nameEn` in English when the API gives one, else the Vietnamese name. */
export function unitName(unit: { name: string; nameEn?: string | null; name_en?: string | null }): string {
  return localName(unit.name, unit.nameEn ?? unit.name_en);
}
