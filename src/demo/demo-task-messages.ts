import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Progress lines of the demo task loader, shaped like demo-messages.ts: Vietnamese first, English second. */

const catalogue = {
  alreadyThere: {
    vi: 'Đã có văn bản chỉ đạo {numbers} — không nạp lại nhiệm vụ minh họa.',
    en: 'Directives {numbers} already exist — demo tasks not loaded again.',
  },
  starting: {
    vi: 'Nạp nhiệm vụ thật của các bài báo nguồn ({directives} văn bản chỉ đạo) với tiến độ tổng hợp, hạt giống {seed}, đến ngày {today}.',
    en: 'Loading the real tasks of the seed articles ({directives} directives) with synthetic progress, seed {seed}, up to {today}.',
  },
  directive: {
    vi: 'Văn bản {number} ngày {date}: {count} nhiệm vụ theo nội dung bài báo.',
    en: 'Directive {number} of {date}: {count} tasks as the article states them.',
  },
  split: {
    vi: '{province} giao {count} nhiệm vụ con rà soát hạ tầng số cho cấp xã (minh họa).',
    en: '{province} handed {count} infrastructure-review sub-tasks to its communes (illustrative).',
  },
  history: {
    vi: 'Tiến độ tổng hợp: {reports} báo cáo tiến độ, {submissions} lần gửi sản phẩm, {accepted} nghiệm thu, {rejected} lần trả lại.',
    en: 'Synthetic progress: {reports} progress reports, {submissions} submissions, {accepted} acceptances, {rejected} rejections.',
  },
  statuses: {
    vi: 'Trạng thái nhiệm vụ ngày {today}: {summary}.',
    en: 'Task statuses on {today}: {summary}.',
  },
  doneSuffix: {
    vi: 'Nhiệm vụ: {directives} văn bản chỉ đạo, {tasks} nhiệm vụ (nội dung thật theo bài báo, người phụ trách và tiến độ là dữ liệu minh họa).',
    en: 'Tasks: {directives} directives, {tasks} tasks (real content from the articles; people and progress are illustrative).',
  },
} satisfies Record<string, Entry>;

export type DemoTaskMessageKey = keyof typeof catalogue;

export const { msg: demoTaskMsg } = defineMessages(catalogue);
