import { translator } from './i18n.ts';

/** Labels of honest data (decision 0028): what was not reported says so, a running month says it is running. */
const messages = {
  notReported: { vi: 'Chưa báo cáo', en: 'Not reported' },
  notRanked: { vi: 'Chưa xếp hạng', en: 'Not ranked' },
  coverage: { vi: 'đủ {reported}/{expected} chỉ tiêu', en: '{reported} of {expected} indicators' },
  coverageShare: { vi: 'tính trên {share} trọng số', en: 'over {share} of the weight' },
  notRankedWhy: { vi: 'Chưa xếp hạng: báo cáo dưới một nửa trọng số chỉ tiêu', en: 'Not ranked: less than half the indicator weight reported' },
  runningPeriod: { vi: 'Kỳ đang diễn ra, số liệu đến ngày {date}', en: 'Period in progress, figures up to {date}' },
  realSource: { vi: 'Nguồn: {source}', en: 'Source: {source}' },
} as const;

export type HonestKey = keyof typeof messages;

export const th = translator(messages);
