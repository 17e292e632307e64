import { isUtf8 } from 'node:buffer';
import type { Catalogue } from '../indicators/catalogue.ts';
import { ProblemList, ValidationError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { eventReason } from './event-messages.ts';
import { sha256 } from '../shared/hash.ts';
import { ColumnsBuilder, grown, type EventColumns } from '../store/event-columns.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { DEFAULT_WINDOW, type AcceptedWindow } from '../periods/accepted-window.ts';
import { EventFolder, type EventAggregate } from './event-aggregation.ts';
import { canonicalRow, MAX_BATCH_LINES, readEventBatch, stableAttributes } from './event-batch.ts';

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
  /** Lines that repeated an earlier line's event (same id, same content): kept once, counted as duplicates. */
  readonly repeats: number;
}

/**
 * A batch body as text, without a byte order mark. Bytes must be UTF-8: a malformed sequence would be stored as
 * U+FFFD, so the batch is refused naming every line that holds one.
 */
export function decodeBody(body: string | Uint8Array): string {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (!isUtf8(bytes)) throw notUtf8(bytes);
    text = bytes.toString('utf8');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function notUtf8(bytes: Buffer): ValidationError {
  const problems = new ProblemList();
  for (let start = 0, line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) problems.add({ line, ...eventReason('notUtf8') });
    start = end + 1;
  }
  return new ValidationError(msg('batchRejected', { count: problems.items.length }).vi, problems.items);
}

/** Parses, validates and folds a batch: everything about it that needs no database. Throws ValidationError. */
export function prepareBatch(text: string, units: UnitTree, catalogue: Catalogue, now: Date, window: AcceptedWindow = DEFAULT_WINDOW): ParsedBatch {
  // An event line is rarely under 64 characters: room for every line at once, grown if short lines prove it wrong.
  const capacity = Math.max(1, Math.min(MAX_BATCH_LINES, Math.ceil(text.length / 64)));
  const columns = new ColumnsBuilder(capacity);
  let lines = new Uint32Array(capacity);
  const folder = new EventFolder(catalogue);
  const repeats = readEventBatch(text, units, catalogue, now, window, {
    add(e) {
      if (columns.count === lines.length) lines = grown(lines);
      lines[columns.count] = e.line;
      columns.add(e.id, e.type, e.unit, e.time, stableAttributes(e.attributes));
      folder.add(e.type, e.unit, e.time, e.attributes);
    },
    idAt: (i) => columns.idAt(i),
    lineAt: (i) => lines[i] ?? 0,
    canonicalAt: (i) => canonicalRow(columns.row(i)),
  });
  return { ...columns.build(), lines: lines.slice(0, columns.count), aggregate: folder.result(), digest: sha256(text), repeats };
}
