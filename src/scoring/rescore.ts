import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { resolveTarget, targetsFor, type TargetBook } from '../indicators/catalogue.repository.ts';
import { enclosingPeriod } from '../periods/period.ts';
import { chunked } from '../store/chunked.ts';
import { breathe } from '../shared/event-loop.ts';
import type { ScoreTable } from '../store/schema.ts';
import { periodsAs, type KpiKey } from '../kpi/kpi-key.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { composeScore, isRanked, rankScores, type Band } from './score.ts';
import type { Cell, MonthScores, PeriodCells } from '../kpi/derived-state.ts';
import type { DerivedWrites } from '../kpi/derived-writes.ts';

export interface ScoreChange {
  unit: string;
  period: string;
  score: number | null;
  band: Band | null;
  rank: number | null;
  peers: number | null;
  previousScore: number | null;
  previousRank: number | null;
}

/** The (unit, month) pairs whose score a set of changed KPI cells can move. */
export function affectedScores(ctx: KpiContext, cells: Iterable<KpiKey>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { indicator, unit, period } of cells) {
    const def = ctx.catalogue.get(indicator);
    const kind = ctx.units.get(unit)?.kind;
    if (!def || !kind || def.weight <= 0 || def.periodType === 'day' || !def.appliesTo.includes(kind)) continue;
    for (const month of periodsAs(period, 'month')) {
      const set = out.get(unit) ?? new Set<string>();
      set.add(month);
      out.set(unit, set);
    }
  }
  return out;
}

/**
 * Recomputes the scores of the given units and months, then the ranks of every peer group they belong to.
 * A unit is scored for a month when it has at least one value for its scored indicators in that month. The rows go
 * to `writes`, for the caller to write (see `applyKpiChanges`).
 */
export async function rescore(trx: Trx, ctx: KpiContext, pairs: Map<string, Set<string>>, writes: DerivedWrites): Promise<ScoreChange[]> {
  const stamp = ctx.now().toISOString();
  const pillarWeights = new Map(ctx.catalogue.pillars.map((p) => [p.code, p.weight]));
  const changes = new Map<string, ScoreChange>();
  const groups = new Set<string>();
  const upserts: ScoreTable[] = [];
  const removed = writes.removedScores;

  const heldOf = new Map<string, MonthScores>();
  for (const units of chunked([...pairs.keys()], 400)) {
    await breathe();
    const months = [...new Set(units.flatMap((u) => [...(pairs.get(u) ?? [])]))];
    const inputs = await loadScoreInputs(trx, ctx, units, months);
    for (const m of months) if (!heldOf.has(m)) heldOf.set(m, await ctx.state.monthScores(trx, m));
    const plans = new Map<string, ScorePlan[]>();
    for (const unit of units) {
      const tree = ctx.units.get(unit);
      const group = ctx.units.peerGroup(unit);
      if (!tree || !group) continue;
      for (const month of pairs.get(unit) ?? []) {
        groups.add(`${group}|${month}`);
        const planKey = `${tree.kind}|${month}`;
        let plan = plans.get(planKey);
        if (!plan) plans.set(planKey, (plan = scorePlan(ctx.catalogue.scored(tree.kind), month, inputs)));
        const items = scoredItems(plan, unit);
        const hasData = items.some((i) => i.value !== null);
        const result = hasData ? composeScore(items, pillarWeights) : undefined;
        const held = heldOf.get(month) as MonthScores;
        const before = held.get(unit);
        if (!result) {
          if (before) {
            held.delete(unit);
            removed.push({ unit, month });
            changes.set(`${unit}|${month}`, { unit, period: month, score: null, band: null, rank: null, peers: null, previousScore: before.score, previousRank: before.rank || null });
          }
          continue;
        }
        const pillars = JSON.stringify(result.pillars);
        if (before && before.score === result.score && before.pillars === pillars && before.coverage === result.coverage
          && before.indicators_reported === result.reported && before.indicators_expected === result.expected) continue;
        const row: ScoreTable = {
          unit_code: unit, period: month, peer_group: group, score: result.score, pillars, band: result.band, rank: before?.rank ?? 0, peers: before?.peers ?? 0,
          coverage: result.coverage, indicators_reported: result.reported, indicators_expected: result.expected, updated_at: stamp,
        };
        held.set(unit, row);
        upserts.push(row);
        changes.set(`${unit}|${month}`, {
          unit, period: month, score: result.score, band: result.band, rank: before?.rank || null, peers: before?.peers ?? null,
          previousScore: before?.score ?? null, previousRank: before?.rank || null,
        });
      }
    }
  }
  // Each row is written once: a new score and a new rank of the same unit make one write.
  const rows = new Map(upserts.map((r) => [`${r.unit_code}|${r.period}`, r]));
  const groupsByMonth = new Map<string, Set<string>>();
  for (const g of groups) {
    const [group = '', month = ''] = g.split('|');
    const set = groupsByMonth.get(month) ?? new Set<string>();
    groupsByMonth.set(month, set.add(group));
  }
  for (const [month, touched] of groupsByMonth) {
    const held = heldOf.get(month) as MonthScores;
    const members = new Map<string, ScoreTable[]>();
    for (const r of held.values()) {
      if (!touched.has(r.peer_group)) continue;
      const list = members.get(r.peer_group);
      if (list) list.push(r);
      else members.set(r.peer_group, [r]);
    }
    for (const group of members.values()) for (const r of rerank(held, group, month, changes)) rows.set(`${r.unit_code}|${r.period}`, r);
  }
  for (const r of rows.values()) writes.scores.push(r);
  return [...changes.values()];
}

/**
 * Ranks a peer group for a month among its units covered enough to be ranked (rank 0 for the others, decision 0028);
 * returns the rows whose rank or peer count moved, to be written (and held).
 */
function rerank(held: MonthScores, rows: readonly ScoreTable[], month: string, changes: Map<string, ScoreChange>): ScoreTable[] {
  const moved: ScoreTable[] = [];
  const ranked = rows.filter((r) => isRanked(r.coverage));
  const ranks = rankScores(ranked.map((r) => ({ unit: r.unit_code, score: r.score })));
  for (const r of rows) {
    const rank = ranks.get(r.unit_code) ?? 0;
    if (rank === r.rank && ranked.length === r.peers) continue;
    const row = { ...r, rank, peers: ranked.length };
    held.set(r.unit_code, row);
    moved.push(row);
    const key = `${r.unit_code}|${month}`;
    const known = changes.get(key);
    changes.set(key, {
      unit: r.unit_code, period: month, score: r.score, band: r.band as Band, rank: rank || null, peers: ranked.length,
      previousScore: known ? known.previousScore : r.score,
      previousRank: known ? known.previousRank : r.rank || null,
    });
  }
  return moved;
}

interface ScoreInputs {
  /** The cells of every period the months cover, as held in memory. */
  cells: Map<string, PeriodCells>;
  targets: TargetBook;
}

/** What scoring one scored indicator for a month reads, looked up once for every unit of a kind. */
interface ScorePlan {
  def: IndicatorDefinition;
  cells: ReadonlyMap<string, Cell> | undefined;
  /** Targets set for the indicator's period, and for its year, by unit. */
  exact: ReadonlyMap<string, number> | undefined;
  yearly: ReadonlyMap<string, number> | undefined;
}

function scorePlan(defs: readonly IndicatorDefinition[], month: string, inputs: ScoreInputs): ScorePlan[] {
  const plan: ScorePlan[] = [];
  for (const def of defs) {
    const [period] = periodsAs(month, def.periodType);
    if (!period) continue;
    const year = enclosingPeriod(period, 'year');
    plan.push({ def, cells: inputs.cells.get(period)?.get(def.code), exact: inputs.targets.at(def.code, period), yearly: year === undefined ? undefined : inputs.targets.at(def.code, year) });
  }
  return plan;
}

function scoredItems(plan: readonly ScorePlan[], unit: string): { def: IndicatorDefinition; value: number | null; target: number }[] {
  const items = [];
  for (const { def, cells, exact, yearly } of plan) {
    const target = resolveTarget(def, exact?.get(unit), yearly?.get(unit));
    const value = cells?.get(unit)?.value ?? null;
    if (target === undefined || (value === null && def.whenMissing === 'skip')) continue;
    items.push({ def, value, target });
  }
  return items;
}

async function loadScoreInputs(trx: Trx, ctx: KpiContext, units: string[], months: string[]): Promise<ScoreInputs> {
  const cells = new Map<string, PeriodCells>();
  for (const m of months) {
    for (const t of ['month', 'quarter', 'year'] as const) {
      for (const p of periodsAs(m, t)) if (!cells.has(p)) cells.set(p, await ctx.state.periodCells(trx, p));
    }
  }
  const scored = ctx.catalogue.all().filter((d) => d.weight > 0).map((d) => d.code);
  return { cells, targets: await targetsFor(trx, scored, units, [...cells.keys()]) };
}
