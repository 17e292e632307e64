import type { Core } from '../core.ts';
import { submitEvents, submitValues } from '../ingest/submit.ts';
import { saveTargets, type TargetInput } from '../indicators/manage.ts';
import { currentMonth, formatPeriodVi, parsePeriod } from '../periods/period.ts';
import { publicationMsg } from '../publication/publication-messages.ts';
import { isPublished } from '../publication/publication.query.ts';
import { publishPeriod } from '../publication/publish-period.ts';
import { chunked } from '../store/chunked.ts';
import { NATION_CODE } from '../units/unit-tree.ts';
import type { Actor } from '../writes/write-gate.ts';
import { DEMO_LABEL } from './demo-label.ts';
import { demoMsg } from './demo-messages.ts';
import { formatVietnameseNumber } from '../ingest/vietnamese-number.ts';
import { demoWindow, type DemoWindow } from './demo-periods.ts';
import { demoTaskMsg } from './demo-task-messages.ts';
import { fillDemoTasks } from './demo-tasks.ts';
import { countBatches } from './demo.repository.ts';
import { BIG_CITIES, buildWorld, type DemoWorld } from './demo-world.ts';
import { Random } from './random.ts';
import { REAL_FIGURES } from './real-figures.ts';
import { eventPlans, liveEvents, monthEvents, Producers, toNdjson } from './synthetic-events.ts';
import { syntheticValues, type DemoValue } from './synthetic-values.ts';

export { DEMO_LABEL } from './demo-label.ts';

export interface FillDemoOptions {
  /** Months of synthetic data up to the current month (Vietnam time). Default 12. */
  months?: number;
  seed?: number;
  /** Does nothing when the database already holds any batch. */
  onlyIfEmpty?: boolean;
  /** Multiplies the event volume (1 ≈ 20,000 events a month); tests use less. */
  scale?: number;
  log?: (line: string) => void;
}

export interface LiveTrickleOptions {
  intervalMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

const DEMO_ACTOR: Actor = { id: 'demo', kind: 'system' };
const EVENT_SOURCE = `${DEMO_LABEL} — sự kiện mô phỏng`;
const LIVE_SOURCE = `${DEMO_LABEL} — luồng sự kiện trực tiếp`;
const PUBLICATION_NOTE = 'Dữ liệu minh họa (tổng hợp)';
const EVENT_BATCH = 5_000;
const VALUE_BATCH = 5_000;

/**
 * Fills a database for a demonstration: the real national figures of the seed articles, reported for the Nation,
 * and around them clearly labelled synthetic provinces, ministries and communes — reported values, targets and
 * months of events — then the real directives and tasks of the articles with a labelled synthetic history.
 * Every month that has ended is then published, so the public dashboard has report periods to show.
 * The same seed and clock give the same database.
 */
export async function fillDemo(core: Core, options: FillDemoOptions = {}): Promise<{ events: number; values: number }> {
  const { months = 12, seed = 2025, scale = 1, onlyIfEmpty = false, log = () => {} } = options;
  if (onlyIfEmpty) {
    const batches = await countBatches(core.db);
    if (batches > 0) {
      log(demoMsg('alreadyFilled', { batches: formatVietnameseNumber(batches) }).vi);
      return { events: 0, values: 0 };
    }
  }
  const started = performance.now();
  const now = core.ctx.now();
  const window = demoWindow(now, months);
  const from = formatPeriodVi(window.months[0] ?? '');
  const to = formatPeriodVi(window.months.at(-1) ?? '');
  log(demoMsg('starting', { months: window.months.length, from, to, seed, scale }).vi);

  const world = await buildWorld(core, seed);
  const real = await storeValues(core, REAL_FIGURES.map((f) => ({ ...f, unit: NATION_CODE })), log);
  log(demoMsg('realFigures', { count: real }).vi);
  const synthetic = await storeValues(core, syntheticValues(world, window), log, (done, total) => {
    log(demoMsg('valuesProgress', { done: formatVietnameseNumber(done), total: formatVietnameseNumber(total) }).vi);
  });
  await setDemoTargets(core, window, log);
  const events = await storeEvents(core, world, window, { seed, scale, now, log });
  const tasks = await fillDemoTasks(core, { seed, log });
  await publishPastMonths(core, window, log);

  const done = demoMsg('done', { events: formatVietnameseNumber(events), values: formatVietnameseNumber(real + synthetic), seconds: seconds(started), label: DEMO_LABEL }).vi;
  log(`${done} ${demoTaskMsg('doneSuffix', { directives: tasks.directives, tasks: formatVietnameseNumber(tasks.tasks) }).vi}`);
  return { events, values: real + synthetic };
}

/**
 * Every `intervalMs`, a small batch (5–30) of synthetic events happening now, in random communes, so a running
 * server shows a living system. Never throws: a failed batch is logged and the next one tried.
 */
export function startLiveTrickle(core: Core, options: LiveTrickleOptions = {}): { stop(): void } {
  const { intervalMs = 2_000, seed = Date.now(), log = () => {} } = options;
  const random = new Random(seed);
  const world = buildWorld(core, seed);
  world.catch(() => {}); // reported by the first tick that awaits it
  let counter = 0;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const plans = eventPlans(core.ctx.catalogue);
      if (plans.length === 0) return;
      const producers = new Producers(await world);
      const events = liveEvents(plans, producers, random, core.ctx.now(), random.int(5, 30), `live-${Date.now()}-${++counter}`);
      await submitEvents(core, DEMO_ACTOR, toNdjson(events), LIVE_SOURCE);
    } catch (error) {
      log(demoMsg('liveFailed', { error: error instanceof Error ? error.message : String(error) }).vi);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  log(demoMsg('liveStarted', { seconds: intervalMs / 1000 }).vi);
  return { stop: () => clearInterval(timer) };
}

/** Publishes, as the demo loader, every month of the window that has ended and is not published yet. */
async function publishPastMonths(core: Core, window: DemoWindow, log: (line: string) => void): Promise<void> {
  const current = currentMonth(core.ctx.now());
  const published: string[] = [];
  for (const month of window.months.filter((m) => m < current)) {
    if (await isPublished(core.db, month)) continue;
    await publishPeriod(core, DEMO_ACTOR, month, PUBLICATION_NOTE);
    published.push(month);
  }
  if (published.length === 0) return;
  log(publicationMsg('publishedMonths', { count: published.length, from: formatPeriodVi(published[0] ?? ''), to: formatPeriodVi(published.at(-1) ?? '') }).vi);
}

type ValueToStore = Omit<DemoValue, 'source'> & { source: string; evidence?: string };

/** Values that no longer fit the catalogue (an indicator renamed, a period type changed) are skipped, not fatal. */
async function storeValues(
  core: Core,
  values: readonly ValueToStore[],
  log: (line: string) => void,
  onBatch: (done: number, total: number) => void = () => {},
): Promise<number> {
  const fitting = values.filter((v) => fitsCatalogue(core, v));
  if (fitting.length < values.length) log(demoMsg('skippedValues', { count: values.length - fitting.length }).vi);
  let stored = 0;
  for (const batch of chunked(fitting, VALUE_BATCH)) {
    stored += (await submitValues(core, DEMO_ACTOR, batch)).accepted;
    onBatch(stored, fitting.length);
  }
  return stored;
}

function fitsCatalogue(core: Core, v: ValueToStore): boolean {
  const def = core.ctx.catalogue.get(v.indicator);
  const kind = core.ctx.units.get(v.unit)?.kind;
  return !!def && !!kind && def.kind === 'reported' && def.appliesTo.includes(kind) && parsePeriod(v.period)?.type === def.periodType;
}

/** The big cities are held to higher targets than the catalogue's defaults. */
const CITY_TARGETS: Record<string, number> = {
  online_dossier_rate: 90,
  cashless_rate: 90,
  coverage_5g_pct: 95,
  digital_signature_per_adult: 60,
};

async function setDemoTargets(core: Core, window: DemoWindow, log: (line: string) => void): Promise<void> {
  const targets: TargetInput[] = Object.entries(CITY_TARGETS)
    .filter(([code]) => core.ctx.catalogue.has(code))
    .flatMap(([indicator, value]) => window.years.flatMap((period) => [...BIG_CITIES].filter((u) => core.ctx.units.has(u)).map((unit) => ({ indicator, unit, period, value }))));
  if (targets.length === 0) return;
  await saveTargets(core, DEMO_ACTOR, targets);
  log(demoMsg('targets', { count: targets.length }).vi);
}

interface EventRun {
  seed: number;
  scale: number;
  now: Date;
  log: (line: string) => void;
}

async function storeEvents(core: Core, world: DemoWorld, window: DemoWindow, run: EventRun): Promise<number> {
  const plans = eventPlans(core.ctx.catalogue);
  if (plans.length === 0) return 0;
  const producers = new Producers(world);
  let accepted = 0;
  for (const month of window.months) {
    const started = performance.now();
    const events = monthEvents(run.seed, plans, producers, month, run.scale, run.now);
    for (const batch of chunked(events, EVENT_BATCH)) {
      const result = await submitEvents(core, DEMO_ACTOR, toNdjson(batch), EVENT_SOURCE);
      accepted += result.accepted;
    }
    run.log(demoMsg('month', { month: formatPeriodVi(month), count: formatVietnameseNumber(events.length), seconds: seconds(started) }).vi);
  }
  return accepted;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}
