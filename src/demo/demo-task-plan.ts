import type { UnitRow } from '../store/schema.ts';
import { parseDeadline } from '../tasks/deadline.ts';
import type { TaskInput } from '../tasks/task-input.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { DEMO_LABEL } from './demo-label.ts';
import { Random, WeightedPicker } from './random.ts';
import { REAL_DIRECTIVES, REAL_TASKS, type RealTask } from './real-tasks.ts';
import { addDays, writeStory, type Outcome, type Step } from './task-history.ts';

/** A task ready for createTasks, with the synthetic story it will live through. */
export interface PlannedTask {
  key: string;
  directive: string;
  input: TaskInput & { leadUnit: string; approver: string };
  /** The day it is handed out: its directive's issue date, or for a sub-task the day its parent is split. */
  created: string;
  deadline: string;
  outcome: Outcome;
  steps: Step[];
  children: PlannedTask[];
}

/** Names and kinds of the units the plan mentions, read once from the database. */
export type UnitLookup = (code: string) => UnitRow;

/** The review's commune sub-tasks are due a month before their province's own deadline. */
const COMMUNE_REVIEW_DEADLINE = 'tháng 11/2025';
const PERSON_NOTE = `Người chịu trách nhiệm, chức vụ, liên hệ: ${DEMO_LABEL} — bài báo không nêu.`;

/** The four ways a past deadline can end are all shown once (the rejection exactly once), then drawn by weight. */
const PAST_FIRST: Outcome[] = ['rejected_then_accepted', 'on_time', 'late', 'overdue'];
const FUTURE_FIRST: Outcome[] = ['in_progress', 'not_started'];
/** The provinces' reviews show a lagging one, a late one and a finished one before chance takes over. */
const REVIEW_FIRST: Outcome[] = ['overdue', 'late', 'on_time'];
const PAST_WEIGHTS: [Outcome, number][] = [['on_time', 0.4], ['late', 0.3], ['overdue', 0.3]];
const FUTURE_WEIGHTS: [Outcome, number][] = [['in_progress', 0.6], ['not_started', 0.25], ['on_time', 0.15]];

/**
 * Plans the real tasks of the seed articles and, for the provinces' infrastructure review, their commune sub-tasks,
 * each with a synthetic story up to `today`. Pure: the same seed, day and units give the same plan.
 */
export function planDemoTasks(seed: number, today: string, units: UnitTree, unit: UnitLookup): PlannedTask[] {
  const outcomes = assignOutcomes(seed, today);
  return REAL_TASKS.map((task) => {
    const directive = REAL_DIRECTIVES.find((d) => d.input.number === task.directive);
    if (!directive) throw new Error(`real task ${task.key}: no directive ${task.directive}`);
    const created = directive.input.issuedOn < today ? directive.input.issuedOn : today;
    const planned = plan(seed, today, {
      key: task.key, directive: task.directive, created, outcome: outcomes.get(task.key) ?? 'not_started',
      input: {
        title: task.title, description: describe(task, directive.source), leadUnit: task.lead, coordinators: task.coordinators ?? [],
        responsible: placeholderPerson(unit(task.lead)), deadline: task.deadline, deliverable: task.deliverable, approver: task.approver,
      },
    });
    if (!task.communeReview) return planned;
    const children = communeReview(seed, today, planned, units, unit);
    const afterChildren = children.every((c) => c.steps.some((s) => s.kind === 'accept'))
      ? addDays(children.flatMap((c) => c.steps.filter((s) => s.kind === 'accept').map((s) => s.on)).sort().at(-1) ?? created, 1)
      : null;
    return { ...planned, children, steps: story(seed, today, planned, { review: true, afterChildren }) };
  });
}

function plan(seed: number, today: string, p: Omit<PlannedTask, 'deadline' | 'steps' | 'children'>): PlannedTask {
  const deadline = deadlineOf(p.input.deadline ?? '', p.key);
  const planned = { ...p, deadline, outcome: fitOutcome(p.outcome, deadline, today), steps: [], children: [] };
  return { ...planned, steps: story(seed, today, planned, {}) };
}

function story(seed: number, today: string, p: PlannedTask, extra: { review?: boolean; afterChildren?: string | null }): Step[] {
  return writeStory(Random.of(seed, 'story', p.key), {
    slug: p.key, created: p.created, deadline: p.deadline, today, outcome: p.outcome, deliverable: p.input.deliverable ?? '', approver: p.input.approver, ...extra,
  });
}

function assignOutcomes(seed: number, today: string): Map<string, Outcome> {
  const random = Random.of(seed, 'outcomes');
  const out = new Map<string, Outcome>();
  const leaves = REAL_TASKS.filter((t) => !t.communeReview);
  const due = (t: RealTask) => deadlineOf(t.deadline, t.key) < today;
  const draw = (weights: [Outcome, number][]) => new WeightedPicker(weights, (w) => w[1]).pick(random)[0];
  shuffle(random, leaves.filter(due)).forEach((t, i) => out.set(t.key, PAST_FIRST[i] ?? draw(PAST_WEIGHTS)));
  shuffle(random, leaves.filter((t) => !due(t))).forEach((t, i) => out.set(t.key, FUTURE_FIRST[i] ?? draw(FUTURE_WEIGHTS)));
  shuffle(random, REAL_TASKS.filter((t) => t.communeReview)).forEach((t, i) => out.set(t.key, REVIEW_FIRST[i] ?? draw(PAST_WEIGHTS)));
  return out;
}

/** A province hands the review down to 2–3 of its communes a few days after the session. */
function communeReview(seed: number, today: string, parent: PlannedTask, units: UnitTree, unit: UnitLookup): PlannedTask[] {
  const random = Random.of(seed, 'split', parent.key);
  const communes = shuffle(random, units.children(parent.input.leadUnit).filter((c) => units.get(c)?.kind === 'commune')).slice(0, random.int(2, 3));
  const splitOn = minDay(addDays(parent.created, random.int(3, 10)), today);
  const province = unit(parent.input.leadUnit);
  return communes.map((code, i) => {
    const commune = unit(code);
    const outcome = i === 0 && parent.outcome !== 'on_time' ? parent.outcome : parent.outcome === 'on_time' ? 'on_time' : random.pick<Outcome>(['on_time', 'on_time', 'late', parent.outcome]);
    return plan(seed, today, {
      key: `${parent.key}/${code}`, directive: parent.directive, created: splitOn, outcome,
      input: {
        title: `Rà soát hạ tầng số đã đầu tư tại ${commune.full_name}; khoanh lại hạ tầng không sử dụng được`,
        description: [
          `${DEMO_LABEL}: nhiệm vụ con do ${province.full_name} giao để thực hiện yêu cầu "rà soát toàn bộ hệ thống hạ tầng số đã đầu tư… dứt khoát phải khoanh lại"; bài báo không nêu xã, phường cụ thể.`,
          `Thời hạn minh họa — bài báo không nêu (ghi "${COMMUNE_REVIEW_DEADLINE}").`,
          PERSON_NOTE,
        ].join('\n'),
        leadUnit: code, coordinators: [], responsible: placeholderPerson(commune), deadline: COMMUNE_REVIEW_DEADLINE,
        deliverable: `Báo cáo rà soát hạ tầng số của ${commune.full_name}, kèm danh mục hệ thống, thiết bị đề xuất khoanh lại`,
        approver: `Ủy ban nhân dân ${province.full_name}`,
      },
    });
  });
}

/** Keeps an outcome possible on the day the demo runs (a deadline still ahead cannot have been missed). */
function fitOutcome(outcome: Outcome, deadline: string, today: string): Outcome {
  const due = deadline < today;
  if (due && (outcome === 'in_progress' || outcome === 'not_started')) return 'overdue';
  if (!due && (outcome === 'late' || outcome === 'overdue')) return 'in_progress';
  return outcome;
}

function describe(task: RealTask, source: string): string {
  return [
    `Theo ${source}: "${task.quote}"`,
    task.deadlineIsOurs ? `Thời hạn minh họa — bài báo không nêu (ghi "${task.deadline}").` : undefined,
    ...(task.notes ?? []),
    PERSON_NOTE,
  ].filter((line) => line !== undefined).join('\n');
}

const POSITIONS: Record<string, string> = {
  ministry: 'Lãnh đạo Vụ/Cục (minh họa)',
  'ministerial-agency': 'Lãnh đạo Vụ/Cục (minh họa)',
  'state-enterprise': 'Lãnh đạo Ban chuyên môn (minh họa)',
  province: 'Lãnh đạo Sở Khoa học và Công nghệ (minh họa)',
  commune: 'Lãnh đạo Ủy ban nhân dân (minh họa)',
};

/** "Rõ người": the articles name units, never people, so the person is a labelled placeholder. */
function placeholderPerson(u: UnitRow): { name: string; position: string; contact: string } {
  return {
    name: `Đầu mối (minh họa) – ${u.full_name}`,
    position: POSITIONS[u.subkind] ?? POSITIONS[u.kind] ?? 'Lãnh đạo đơn vị (minh họa)',
    contact: `dau-moi@${u.code.toLowerCase()}.example.vn`,
  };
}

function deadlineOf(text: string, key: string): string {
  const deadline = parseDeadline(text);
  if (!deadline) throw new Error(`real task ${key}: unreadable deadline "${text}"`);
  return deadline;
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const minDay = (a: string, b: string): string => (a < b ? a : b);
