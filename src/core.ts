import { addMissingRanges, readCatalogue, saveCatalogue } from './indicators/catalogue.repository.ts';
import { DEFAULT_CATALOGUE_PATH, loadCatalogueFile } from './indicators/catalogue.ts';
import type { CatalogueDefinition } from './indicators/indicator.ts';
import type { KpiContext } from './kpi/kpi-context.ts';
import { DerivedState } from './kpi/derived-state.ts';
import { ChangeBus } from './live/change-bus.ts';
import { migrateToLatest, openSqlite, type Db, type StoreEngine } from './store/engine.ts';
import { seedReferenceUnits } from './units/unit.repository.ts';
import { loadUnitTree } from './units/unit-tree.ts';
import { WriteGate } from './writes/write-gate.ts';
import { EventCommitQueue } from './ingest/event-commits.ts';
import { hasLeftovers } from './ingest/ingest-events.ts';
import { inlineParser, workerParser, type BatchParser } from './ingest/batch-parser.ts';
import { AcceptedWindow } from './periods/accepted-window.ts';

/** The domain core shared by the HTTP server, the CLI and the tests: one database, the in-memory registries, the bus. */
export interface Core {
  engine: StoreEngine;
  db: Db;
  ctx: KpiContext;
  bus: ChangeBus;
  gate: WriteGate;
  /** Event batches committed in groups (see event-commits.ts). */
  events: EventCommitQueue;
  /** Turns NDJSON into validated batches, inline or on a worker thread (see batch-parser.ts). */
  parser: BatchParser;
  close(): Promise<void>;
}

export interface CoreOptions {
  dbFile: string;
  now?: () => Date;
  /** The catalogue to install on a fresh database (default: catalogue/default.yaml). */
  catalogue?: CatalogueDefinition;
  /** Parse large event batches on a worker thread (the server); inline otherwise (the CLI, most tests). */
  parseInWorker?: boolean;
  /** How long after a fold of event batches the next may start, from how long it took (default `foldGapAfter`). */
  foldGapAfter?: (tookMs: number) => number;
  /** The first day, Vietnam time, that data may be about (`YYYY-MM-DD`, default 2020-01-01; see accepted-window.ts). */
  earliest?: string;
}

/** Opens the database, migrates it, and on first use loads the reference units and the default catalogue. */
export async function openCore({ dbFile, now = () => new Date(), catalogue, parseInWorker = false, foldGapAfter, earliest }: CoreOptions): Promise<Core> {
  const engine = openSqlite(dbFile);
  const db = engine.db;
  await migrateToLatest(db);
  await seedReferenceUnits(db);
  const file = catalogue ?? loadCatalogueFile(DEFAULT_CATALOGUE_PATH);
  await installNewIndicators(db, file);
  await addMissingRanges(db, file);
  // Frameworks ("5 có", "3 đột phá"…), views over the indicators' groups, and event types come from the catalogue file.
  const ctx: KpiContext = { units: await loadUnitTree(db), catalogue: await readCatalogue(db, { frameworks: file.frameworks, eventTypes: file.eventTypes }), now, window: new AcceptedWindow(earliest), bulk: engine.bulk, state: new DerivedState(engine.bulk) };
  const bus = new ChangeBus();
  const gate = new WriteGate(db, bus, () => ctx.units, () => ctx.now(), engine.bulk);
  gate.onRollback(() => ctx.state.clear());
  const events = new EventCommitQueue(gate, ctx, db, foldGapAfter);
  // Batches acknowledged on storage just before a stop are folded now (decision 0014).
  if (await hasLeftovers(db)) await events.foldLeftovers();
  const parser = parseInWorker ? workerParser(ctx) : inlineParser(ctx);
  return {
    engine, db, ctx, bus, gate, events, parser,
    close: async () => {
      await parser.close();
      await events.idle();
      await engine.close();
    },
  };
}

/** Re-reads the catalogue after it was changed through the API. */
export async function reloadCatalogue(core: Core): Promise<void> {
  const { frameworks, eventTypes } = core.ctx.catalogue.definition;
  core.ctx.catalogue = await readCatalogue(core.db, { frameworks, eventTypes });
  core.parser.catalogueChanged();
}

/**
 * Installs the catalogue file's indicators the database does not have yet (a fresh database gets them all).
 * Indicators already stored are left as they are: changes made through the API are never overwritten.
 */
async function installNewIndicators(db: Db, file: CatalogueDefinition): Promise<void> {
  const stored = new Set((await db.selectFrom('indicators').select('code').execute()).map((r) => r.code));
  const missing = file.indicators.filter((i) => !stored.has(i.code));
  if (missing.length > 0) await saveCatalogue(db, { ...file, indicators: missing });
}
