import { parentPort, workerData } from 'node:worker_threads';
import { Catalogue } from '../indicators/catalogue.ts';
import type { CatalogueDefinition } from '../indicators/indicator.ts';
import { EventFolder, type DistinctRun, type SumColumn } from '../ingest/event-aggregation.ts';
import { eventPages } from '../store/bulk-writes.ts';
import { openEventReader, type EventSource } from '../store/event-reader.ts';
import { UnitTree, type TreeUnit } from '../units/unit-tree.ts';

/** What one of recompute's scanning threads is given: a range of stored events to fold (see recompute-scan.ts). */
export interface ScanSetup {
  source: EventSource;
  /** Positions after `after`, up to and including `upTo`. */
  after: number;
  upTo: number;
  pageSize: number;
  units: TreeUnit[];
  catalogue: CatalogueDefinition;
}

/** Distinct keys page by page (the main thread writes them while the scan goes on), then the sums and the count. */
export type ScanMessage = { kind: 'distinct'; runs: DistinctRun[] } | { kind: 'done'; events: number; sums: SumColumn[] };

const setup = workerData as ScanSetup;
const units = new UnitTree(setup.units);
const folder = new EventFolder(new Catalogue(setup.catalogue));
const reader = openEventReader(setup.source, setup.upTo);
try {
  let events = 0;
  for await (const rows of eventPages(reader, setup.after, setup.pageSize)) {
    events += folder.addPage(rows, units);
    parentPort?.postMessage({ kind: 'distinct', runs: folder.takeDistinct() } satisfies ScanMessage);
  }
  parentPort?.postMessage({ kind: 'done', events, sums: folder.sums() } satisfies ScanMessage);
} finally {
  reader.close();
}
