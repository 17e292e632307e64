import type { Catalogue } from '../indicators/catalogue.ts';
import { sha256 } from '../shared/hash.ts';
import { packColumns, type EventColumns } from '../store/event-columns.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { EventFolder, type EventAggregate } from './event-aggregation.ts';
import { parseEventBatch, stableAttributes } from './event-batch.ts';
import type { EventInput } from './value-input.ts';

/**
 * A validated NDJSON batch, ready to store: its events in packed columns (see event-columns.ts; `unitNames` and
 * `typeNames` are the units and event types it touches, once each, which is what authorisation checks), what the
 * whole batch adds to the running totals, and the fingerprint the audit keeps. Strings, typed arrays and plain
 * arrays only, so it crosses from the parser's worker thread by structured clone at a fraction of the cost of
 * parsing. Times are ISO 8601 instants in UTC; attributes are JSON with sorted keys, as stored.
 */
export interface ParsedBatch extends EventColumns {
  /** 1-based line numbers in the batch, for error messages. */
  readonly lines: Uint32Array;
  /** What the batch adds when every one of its events is new; a batch with resent events is folded again from its rows. */
  readonly aggregate: EventAggregate;
  /** SHA-256 of the NDJSON text. */
  readonly digest: string;
}

/** A batch body as text: UTF-8, as Fastify decodes text bodies (a malformed sequence reads as U+FFFD). */
export const decodeBody = (body: string | Uint8Array): string =>
  typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');

/** Parses, validates and folds a batch: everything about it that needs no database. Throws ValidationError. */
export function prepareBatch(text: string, units: UnitTree, catalogue: Catalogue, now: Date): ParsedBatch {
  const events = parseEventBatch(text, units, catalogue, now);
  const n = events.length;
  const ids = new Array<string>(n);
  const types = new Array<string>(n);
  const unitOf = new Array<string>(n);
  const times = new Array<string>(n);
  const attributes = new Array<string>(n);
  const lines = new Uint32Array(n);
  const folder = new EventFolder(catalogue);
  for (let i = 0; i < n; i++) {
    const e = events[i] as EventInput;
    ids[i] = e.id;
    types[i] = e.type;
    unitOf[i] = e.unit;
    times[i] = e.time;
    attributes[i] = stableAttributes(e.attributes);
    lines[i] = e.line;
    folder.add(e.type, e.unit, e.time, e.attributes);
  }
  return { ...packColumns({ ids, types, units: unitOf, times, attributes }), lines, aggregate: folder.result(), digest: sha256(text) };
}
