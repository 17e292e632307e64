import { authorizeWrite } from '../auth/policy.ts';
import type { Core } from '../core.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import { ConflictError, NotFoundError, ProblemList, ValidationError } from '../shared/errors.ts';
import { chunked } from '../store/chunked.ts';
import type { Actor } from '../writes/write-gate.ts';
import { publicationMsg, publicationReason } from './publication-messages.ts';
import { applyValueCorrections, planValueCorrections, recordValueCorrections } from './kpi-corrections.ts';
import { isPublished, type Correction, type ValueCorrection } from './publication.query.ts';
import { checkReportMonth } from './report-month.ts';
import { SCORE_COLUMNS, sameSnapshot, snapshotOf, type ScoreSnapshot } from './score-snapshot.ts';

export const MAX_REASON = 2000;

export interface CorrectionOptions {
  /** Correct only the peer groups of these units (their whole ranking, since ranks depend on each other). Default: all. */
  units?: readonly string[];
}

interface PlannedCorrection {
  unit: string;
  before: ScoreSnapshot | null;
  after: ScoreSnapshot | null;
}

/**
 * Corrects a published month ("đính chính"): the live scores of its peer groups are copied over the published ones,
 * and every published score that changes is kept in `score_corrections` with its old and new values and the reason,
 * so the original publication stays readable. The KPI values it published (its days and itself, and its quarter and
 * year while it is their latest published month) are corrected the same way, each changed value kept in
 * `kpi_corrections`. A correction that would change nothing is refused.
 */
export async function correctPublished(core: Core, actor: Actor, month: string, reason: string, options: CorrectionOptions = {}): Promise<{ period: string; corrections: Correction[]; values: ValueCorrection[]; seq: number | null }> {
  const period = checkReportMonth(month);
  const why = checkReason(reason);
  const groups = peerGroupsOf(core, options.units);
  const scope = groups?.flatMap((g) => core.ctx.units.peers(g));
  // Refuse the wrong caller before reading anything; the gate checks again with the units found.
  authorizeWrite(actor, { action: 'periods.correct', units: [] }, core.ctx.units);
  const touched = async (trx: Trx) => {
    const scores = await planCorrections(trx, period, groups);
    const values = await planValueCorrections(trx, period, scope);
    return { scores, values, units: [...new Set([...scores.map((c) => c.unit), ...values.map((c) => c.unit)])].sort() };
  };
  const { units } = await touched(core.db);
  return core.gate.run(actor, { action: 'periods.correct', units }, async (trx) => {
    // Planned outside the transaction so the audit can name the units; a write in between must not slip past it.
    const { scores: changes, values, units: now } = await touched(trx);
    if (now.some((unit) => !units.includes(unit))) throw new ConflictError(publicationMsg('changedMeanwhile', { period }).vi, { period });
    if (changes.length === 0 && values.length === 0) throw new ConflictError(publicationMsg('nothingToCorrect', { period }).vi, { period });
    await copyLiveScores(trx, period, changes.map((c) => c.unit));
    await applyValueCorrections(trx, values);
    const stamp = core.ctx.now().toISOString();
    const corrections: Correction[] = [];
    for (const batch of chunked(changes, 200)) {
      const rows = await trx
        .insertInto('score_corrections')
        .values(batch.map((c) => ({
          period, unit_code: c.unit, before: json(c.before), after: json(c.after), reason: why, corrected_by: actor.id, corrected_at: stamp,
        })))
        .returning('id')
        .execute();
      batch.forEach((c, i) => corrections.push({ id: rows[i]?.id ?? 0, period, unit: c.unit, before: c.before, after: c.after, reason: why, correctedBy: actor.id, correctedAt: stamp }));
    }
    const recorded = await recordValueCorrections(trx, period, values, { reason: why, correctedBy: actor.id, correctedAt: stamp });
    const summary = (side: 'before' | 'after') => Object.fromEntries(changes.map((c) => [c.unit, c[side]]));
    const valueSummary = (side: 'before' | 'after') => Object.fromEntries(values.map((c) => [`${c.indicator}|${c.unit}|${c.period}`, c[side]]));
    return {
      period, corrections, values: recorded,
      audit: { target: `period:${period}`, before: { scores: summary('before'), values: valueSummary('before') }, after: { reason: why, scores: summary('after'), values: valueSummary('after') } },
    };
  });
}

function checkReason(reason: string): string {
  const why = reason.trim();
  if (why === '') throw new ValidationError(publicationMsg('reasonRequired').vi, [{ field: 'reason', ...publicationReason('reasonRequired') }]);
  if (why.length > MAX_REASON) {
    throw new ValidationError(publicationMsg('invalid').vi, [{ field: 'reason', ...publicationReason('tooLong', { max: MAX_REASON }) }]);
  }
  return why;
}

function peerGroupsOf(core: Core, units: readonly string[] | undefined): string[] | undefined {
  if (!units || units.length === 0) return undefined;
  const problems = new ProblemList();
  const groups = new Set<string>();
  units.forEach((code, i) => {
    const group = core.ctx.units.peerGroup(code);
    if (group) groups.add(group);
    else problems.add({ field: `units[${i}]`, value: code, ...publicationReason('unknownUnit', { code }) });
  });
  problems.throwIfAny(publicationMsg('invalid').vi);
  return [...groups];
}

/** Every unit of the scope whose published score differs from its live one, or exists on one side only. */
async function planCorrections(trx: Trx, period: string, groups: string[] | undefined): Promise<PlannedCorrection[]> {
  if (!(await isPublished(trx, period))) throw new NotFoundError(publicationMsg('notPublished', { period }).vi, { period });
  const read = async (table: 'scores' | 'published_scores') => {
    let query = trx.selectFrom(table).select(['unit_code', 'score', 'pillars', 'band', 'rank', 'peers']).where('period', '=', period);
    if (groups) query = query.where('peer_group', 'in', groups);
    const rows = await query.execute();
    return new Map(rows.map((r) => [r.unit_code, snapshotOf(r)]));
  };
  const [published, live] = [await read('published_scores'), await read('scores')];
  const units = [...new Set([...published.keys(), ...live.keys()])].sort();
  return units.flatMap((unit) => {
    const before = published.get(unit) ?? null;
    const after = live.get(unit) ?? null;
    return sameSnapshot(before, after) ? [] : [{ unit, before, after }];
  });
}

async function copyLiveScores(trx: Trx, period: string, units: readonly string[]): Promise<void> {
  for (const batch of chunked(units, 400)) {
    await trx.deleteFrom('published_scores').where('period', '=', period).where('unit_code', 'in', batch).execute();
    await trx
      .insertInto('published_scores')
      .columns([...SCORE_COLUMNS])
      .expression((eb) => eb.selectFrom('scores').select([...SCORE_COLUMNS]).where('period', '=', period).where('unit_code', 'in', batch))
      .execute();
  }
}

const json = (snapshot: ScoreSnapshot | null) => (snapshot === null ? null : JSON.stringify(snapshot));
