import type { Catalogue } from '../indicators/catalogue.ts';
import { sha256 } from '../shared/hash.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { EventFolder, type EventAggregate } from './event-aggregation.ts';
import { parseEventBatch, stableAttributes } from './event-batch.ts';
import type { EventInput } from './value-input.ts';

/**
 * A validated NDJSON batch, ready to store: its events in columns (one array per field, as the `events` table takes
 * them), what the whole batch adds to the running totals, and the fingerprint the audit keeps. Plain arrays and a Map
 * only, so it crosses from the parser's worker thread by structured clone at a fraction of the cost of parsing.
 */
export interface ParsedBatch {
  ids: string[];
  types: string[];
  units: string[];
  /** ISO 8601 instants in UTC. */
  times: string[];
  /** Each event's attributes as stored: JSON with sorted keys. */
  attributes: string[];
  /** 1-based line numbers in the batch, for error messages. */
  lines: number[];
  /** The units and event types the batch touches, once each: what authorisation checks. */
  unitCodes: string[];
  eventTypes: string[];
  /** What the batch adds when every one of its events is new; a batch with resent events is folded again from its rows. */
  aggregate: EventAggregate;
  /** SHA-256 of the NDJSON text. */
  digest: string;
}

/** Parses, validates and folds a batch: everything about it that needs no database. Throws ValidationError. */
export function prepareBatch(text: string, units: UnitTree, catalogue: Catalogue, now: Date): ParsedBatch {
  return batchOf(parseEventBatch(text, units, catalogue, now), units, catalogue, sha256(text));
}

/** The columns and aggregate of validated events. */
export function batchOf(events: readonly EventInput[], units: UnitTree, catalogue: Catalogue, digest: string): ParsedBatch {
  const n = events.length;
  const batch: ParsedBatch = {
    ids: new Array<string>(n), types: new Array<string>(n), units: new Array<string>(n), times: new Array<string>(n),
    attributes: new Array<string>(n), lines: new Array<number>(n), unitCodes: [], eventTypes: [], aggregate: { totals: new Map(), distinct: [] }, digest,
  };
  const folder = new EventFolder(catalogue, units);
  const unitCodes = new Set<string>();
  const eventTypes = new Set<string>();
  for (let i = 0; i < n; i++) {
    const e = events[i] as EventInput;
    batch.ids[i] = e.id;
    batch.types[i] = e.type;
    batch.units[i] = e.unit;
    batch.times[i] = e.time;
    batch.attributes[i] = stableAttributes(e.attributes);
    batch.lines[i] = e.line;
    unitCodes.add(e.unit);
    eventTypes.add(e.type);
    folder.add(e.type, e.unit, e.time, e.attributes);
  }
  batch.unitCodes = [...unitCodes];
  batch.eventTypes = [...eventTypes];
  batch.aggregate = folder.result();
  return batch;
}
