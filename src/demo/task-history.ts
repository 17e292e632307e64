import { daysBetween } from '../tasks/deadline.ts';
import { DEMO_LABEL } from './demo-label.ts';
import { clamp, type Random } from './random.ts';

/** How a task's synthetic story stands today. */
export type Outcome = 'on_time' | 'late' | 'overdue' | 'rejected_then_accepted' | 'in_progress' | 'not_started';

/** One thing that happens to a task on a given day (YYYY-MM-DD, Vietnam time). */
export type Step =
  | { kind: 'progress'; on: string; progress: number; note: string; links: string[] }
  | { kind: 'submit'; on: string; note: string; links: string[] }
  | { kind: 'reject'; on: string; reason: string }
  | { kind: 'accept'; on: string; note: string };

export interface StoryInput {
  /** Path of the task's illustrative links under https://example.vn/minh-hoa/. */
  slug: string;
  created: string;
  deadline: string;
  today: string;
  outcome: Outcome;
  deliverable: string;
  approver: string;
  /** Progress notes of a review of commune infrastructure ("khoanh lại") rather than of a document. */
  review?: boolean;
  /**
   * For a task split into sub-tasks: its progress comes from them, and it can be submitted only after they are all
   * accepted — from this day, or never (null) when one is not.
   */
  afterChildren?: string | null;
}

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const later = (a: string, b: string): string => (a > b ? a : b);
/** The day a fraction `f` of the way from `from` to `to`. */
const along = (from: string, to: string, f: number): string => addDays(from, Math.max(0, Math.round(daysBetween(from, to) * f)));

export const demoLink = (slug: string, name: string): string => `https://example.vn/minh-hoa/${slug}/${name}`;

/**
 * A plausible history for one task ending in the given outcome: progress reports along the way, the deliverable
 * submitted, a decision by the accepting authority. Nothing happens after `today`; every note carries DEMO_LABEL.
 */
export function writeStory(random: Random, s: StoryInput): Step[] {
  const steps = storySteps(random, s);
  return steps.filter((step) => step.on <= s.today).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function storySteps(random: Random, s: StoryInput): Step[] {
  const own = s.afterChildren === undefined;
  const yesterday = addDays(s.today, -1);
  switch (s.outcome) {
    case 'not_started':
      return [];
    case 'in_progress': {
      if (!own) return [];
      const share = clamp(daysBetween(s.created, s.today) / Math.max(1, daysBetween(s.created, s.deadline)), 0, 1);
      const top = Math.round(clamp(100 * share * random.between(0.6, 1.05), 15, 90));
      return reports(random, s, s.created, s.today, rising(random, random.int(1, 3), top));
    }
    case 'overdue': {
      const before = own ? reports(random, s, s.created, s.deadline, rising(random, 2, random.int(40, 75))) : [];
      const last = before.at(-1);
      if (!own || !last || last.kind !== 'progress' || !random.chance(0.6)) return before;
      const on = addDays(s.deadline, random.int(10, 90));
      return [...before, { kind: 'progress', on, progress: Math.min(95, last.progress + random.int(5, 15)), note: delayNote(random), links: [] }];
    }
    case 'late': {
      const submitted = later(s.afterChildren ?? s.deadline, addDays(s.deadline, random.int(5, 75)));
      if (submitted > yesterday || s.afterChildren === null) return storySteps(random, { ...s, outcome: 'overdue' });
      const before = own ? reports(random, s, s.created, s.deadline, rising(random, 2, random.int(55, 85))) : [];
      const delay: Step[] = own ? [{ kind: 'progress', on: along(s.deadline, submitted, 0.5), progress: random.int(86, 95), note: delayNote(random), links: [] }] : [];
      return [...before, ...delay, ...completion(random, s, submitted)];
    }
    case 'on_time':
    case 'rejected_then_accepted': {
      if (s.afterChildren === null) return storySteps(random, { ...s, outcome: 'overdue' });
      const end = s.deadline < s.today ? s.deadline : yesterday;
      const submitted = later(s.afterChildren ?? s.created, along(s.created, end, random.between(0.75, 1)));
      const before = own ? reports(random, s, s.created, submitted, rising(random, daysBetween(s.created, submitted) > 6 ? 2 : 1, random.int(60, 90))) : [];
      return [...before, ...(s.outcome === 'on_time' ? completion(random, s, submitted) : rejectedThenAccepted(random, s, submitted))];
    }
  }
}

/** `count` increasing progress values ending near `top`. */
function rising(random: Random, count: number, top: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= count; i++) out.push(Math.round(clamp((top * i) / count + random.int(-5, 5), 5, 95)));
  for (let i = 1; i < out.length; i++) out[i] = Math.max(out[i] ?? 0, (out[i - 1] ?? 0) + 5);
  return out.map((p) => Math.min(p, 95));
}

function reports(random: Random, s: StoryInput, from: string, to: string, values: number[]): Step[] {
  const n = values.length;
  return values.map((progress, i): Step => {
    const on = along(from, to, (i + 1 + random.between(-0.4, 0.4)) / (n + 1));
    const links = i === n - 1 && random.chance(0.5) ? [demoLink(s.slug, `bao-cao-tien-do-${i + 1}`)] : [];
    return { kind: 'progress', on, progress, note: progressNote(random, progress, s.review ?? false), links };
  });
}

function completion(random: Random, s: StoryInput, submitted: string): Step[] {
  return [
    { kind: 'submit', on: submitted, note: `${DEMO_LABEL} — Gửi sản phẩm: ${s.deliverable}.`, links: [demoLink(s.slug, 'san-pham')] },
    { kind: 'accept', on: addDays(submitted, random.int(2, 10)), note: `${DEMO_LABEL} — ${s.approver}: đồng ý nghiệm thu sản phẩm.` },
  ];
}

function rejectedThenAccepted(random: Random, s: StoryInput, submitted: string): Step[] {
  const rejected = addDays(submitted, random.int(3, 8));
  const resubmitted = addDays(rejected, random.int(7, 25));
  return [
    { kind: 'submit', on: submitted, note: `${DEMO_LABEL} — Gửi sản phẩm: ${s.deliverable}.`, links: [demoLink(s.slug, 'san-pham')] },
    { kind: 'reject', on: rejected, reason: `${DEMO_LABEL} — Trả lại: ${random.pick(REJECT_REASONS)}` },
    { kind: 'submit', on: resubmitted, note: `${DEMO_LABEL} — Gửi lại sản phẩm đã bổ sung, hoàn thiện theo ý kiến của ${s.approver}.`, links: [demoLink(s.slug, 'san-pham-hoan-thien')] },
    { kind: 'accept', on: addDays(resubmitted, random.int(2, 7)), note: `${DEMO_LABEL} — ${s.approver}: đồng ý nghiệm thu sản phẩm đã hoàn thiện.` },
  ];
}

const EARLY = ['Đã ban hành kế hoạch triển khai, phân công đơn vị, cá nhân thực hiện.', 'Đã thành lập tổ công tác, đang thu thập thông tin, số liệu.'];
const MIDDLE = ['Đã hoàn thành dự thảo, đang lấy ý kiến các đơn vị phối hợp.', 'Đã hoàn thành một phần khối lượng công việc; đang triển khai các hạng mục còn lại.'];
const LATE = ['Đã tiếp thu, giải trình ý kiến góp ý; đang hoàn thiện hồ sơ trình.', 'Cơ bản hoàn thành; đang rà soát lần cuối trước khi gửi sản phẩm.'];
const DELAY_REASONS = [
  'Chậm so với thời hạn do phải lấy thêm ý kiến của các đơn vị phối hợp; đã báo cáo cấp có thẩm quyền.',
  'Chậm tiến độ do vướng mắc về kinh phí và nhân lực; đang kiến nghị tháo gỡ.',
  'Chậm do phải chuẩn hóa, làm sạch lại dữ liệu từ nhiều nguồn chưa thống nhất.',
];
const REJECT_REASONS = [
  'hồ sơ chưa đầy đủ, thiếu ý kiến của các đơn vị phối hợp và báo cáo đánh giá tác động; đề nghị bổ sung, hoàn thiện.',
  'sản phẩm chưa đáp ứng yêu cầu "đúng, đủ, sạch, sống"; còn trùng lặp, thiếu trường bắt buộc; đề nghị rà soát lại.',
];

function progressNote(random: Random, progress: number, review: boolean): string {
  if (review) {
    const systems = random.int(6, 24);
    const reviewed = Math.max(1, Math.round((systems * progress) / 100));
    const cordoned = random.int(0, Math.max(1, Math.round(reviewed / 4)));
    return `${DEMO_LABEL} — Đã rà soát ${reviewed}/${systems} hệ thống, thiết bị hạ tầng số đã đầu tư; đề xuất khoanh lại ${cordoned} hệ thống không sử dụng được.`;
  }
  return `${DEMO_LABEL} — ${random.pick(progress < 35 ? EARLY : progress < 70 ? MIDDLE : LATE)}`;
}

function delayNote(random: Random): string {
  return `${DEMO_LABEL} — ${random.pick(DELAY_REASONS)}`;
}
