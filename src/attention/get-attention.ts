import { isSignedIn, type Actor } from '../auth/actor.ts';
import type { Core } from '../core.ts';
import type { Catalogue } from '../indicators/catalogue.ts';
import { getUnitKpis, type KpiView } from '../kpi/kpi.query.ts';
import { monthView, readAccess } from '../publication/read-view.ts';
import { peerGroupOf } from '../scoring/scorecard.query.ts';
import { NotFoundError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { vietnamDate } from '../tasks/deadline.ts';
import { listTasks, type TaskListItem } from '../tasks/task.query.ts';
import { NATION_CODE, type UnitTree } from '../units/unit-tree.ts';
import { getReportingCompleteness, unitsCompleteness } from '../reporting/completeness.query.ts';
import type { Attention, AttentionQuery, DueSoonTask, OverdueTask, Shortfall, UnreportedUnit } from './attention.schema.ts';
import { listUnitDrops } from './unit-drops.query.ts';

/** How many of each list are sent; `total` says how many there are. */
const SHOWN = 6;
const SHORTFALLS_SHOWN = 5;

/**
 * "Cần chú ý": for a unit (the Nation by default) in a month, the units beneath it that fell, its tasks overdue and
 * due within 7 days, and its indicators furthest below target. Read as every other read: the public sees published
 * months only, scores as published, and no tasks.
 */
export async function getAttention(core: Core, actor: Actor, query: AttentionQuery): Promise<Attention> {
  const code = query.unit ?? NATION_CODE;
  const unit = core.ctx.units.get(code);
  if (!unit) throw new NotFoundError(msg('unitNotFound', { code }).vi, { unit: code });
  const now = core.ctx.now();
  const access = await readAccess(core.db, actor, now);
  const { month, table, source } = await monthView(core.db, access, query.period);
  const [drops, kpis, tasks, reporting] = await Promise.all([
    listUnitDrops(core.db, core.ctx.units, groupsBeneath(core.ctx.units, code), month, table),
    getUnitKpis(core.db, core.ctx, code, month, access),
    isSignedIn(actor) ? urgentTasks(core, code === NATION_CODE ? undefined : code, vietnamDate(now)) : null,
    isSignedIn(actor) ? reportingOf(core, code, month) : null,
  ]);
  const shortfalls = shortfallsOf(kpis, core.ctx.catalogue);
  return {
    unit: { code, name: unit.name, nameEn: unit.nameEn },
    period: month,
    source,
    drops: { total: drops.length, items: drops.slice(0, SHOWN) },
    tasks,
    shortfalls: { total: shortfalls.length, items: shortfalls.slice(0, SHORTFALLS_SHOWN) },
    reporting,
  };
}

/**
 * What is still unreported for the month: nationally, every reporting unit, and the provinces (with their communes)
 * furthest from done; for a province, itself and its communes, the communes furthest from done; else the unit's own.
 */
async function reportingOf(core: Core, code: string, month: string): Promise<NonNullable<Attention['reporting']>> {
  if (code === NATION_CODE) {
    const { national, provinces } = await getReportingCompleteness(core.db, core.ctx, month);
    const byProvince = provinces.map((p) => ({ unit: p.unit, expected: p.own.expected + p.communes.expected, reported: p.own.reported + p.communes.reported }));
    return { ...national, lagging: lagging(byProvince) };
  }
  const unit = core.ctx.units.get(code);
  const beneath = unit?.kind === 'province' ? core.ctx.units.children(code).flatMap((c) => core.ctx.units.get(c) ?? []) : [];
  const rows = await unitsCompleteness(core.db, core.ctx, month, unit ? [unit, ...beneath] : []);
  const total = { expected: 0, reported: 0, units: 0, unitsComplete: 0 };
  for (const { tally } of rows) {
    total.expected += tally.expected;
    total.reported += tally.reported;
    total.units += tally.units;
    total.unitsComplete += tally.unitsComplete;
  }
  const communes = rows.filter((r) => r.unit.code !== code).map(({ unit: u, tally }) => ({ unit: { code: u.code, name: u.name, nameEn: u.nameEn }, expected: tally.expected, reported: tally.reported }));
  return { ...total, lagging: lagging(communes) };
}

/** The units with something still owed, the smallest share reported first. */
function lagging(units: UnreportedUnit[]): { total: number; items: UnreportedUnit[] } {
  const behind = units.filter((u) => u.reported < u.expected)
    .sort((a, b) => a.reported / a.expected - b.reported / b.expected || a.unit.code.localeCompare(b.unit.code));
  return { total: behind.length, items: behind.slice(0, SHOWN) };
}

/** The indicators with a value and a target that reach less than all of it, furthest first; no value is no shortfall. */
function shortfallsOf(kpis: KpiView[], catalogue: Catalogue): Shortfall[] {
  const below = kpis.flatMap((k): Shortfall[] => {
    if (k.value === null || k.target === null || k.achievement === null || k.band === null || k.achievement >= 100) return [];
    const nameEn = catalogue.get(k.indicator)?.nameEn ?? k.name;
    return [{ indicator: k.indicator, name: k.name, nameEn, measure: k.measure, period: k.period, value: k.value, target: k.target, achievement: k.achievement, band: k.band }];
  });
  return below.sort((a, b) => a.achievement - b.achievement || a.indicator.localeCompare(b.indicator));
}

/** Whose falls a unit watches: the Nation its provinces and ministries, a province its communes. */
function groupsBeneath(units: UnitTree, code: string): string[] {
  const kind = units.get(code)?.kind;
  if (kind === 'nation') return [peerGroupOf('province'), peerGroupOf('ministry')];
  if (kind === 'province') return [peerGroupOf('commune', code)];
  return [];
}

/** The unit's tasks (led or coordinated; every task nationally) overdue, most overdue first, and due within 7 days. */
async function urgentTasks(core: Core, unit: string | undefined, today: string): Promise<NonNullable<Attention['tasks']>> {
  const [overdue, dueSoon] = await Promise.all([
    listTasks(core.db, core.ctx.units, { unit, overdue: true, limit: SHOWN }, today),
    listTasks(core.db, core.ctx.units, { unit, dueSoon: true, limit: SHOWN }, today),
  ]);
  // The days are the task list's own (task-status.ts), so the card and the task pages never disagree.
  return {
    overdue: { total: overdue.total, items: overdue.items.map((t): OverdueTask => ({ ...taskRef(t), daysOverdue: t.daysOverdue ?? 0 })) },
    dueSoon: { total: dueSoon.total, items: dueSoon.items.map((t): DueSoonTask => ({ ...taskRef(t), daysLeft: t.dueInDays ?? 0 })) },
  };
}

const taskRef = (t: TaskListItem) => ({
  id: t.id, title: t.title, deadline: t.deadline, deadlineText: t.deadlineText, progress: t.progress,
  leadUnit: { code: t.leadUnit.code, name: t.leadUnit.name, nameEn: t.leadUnit.nameEn },
});
