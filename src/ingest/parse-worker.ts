import { parentPort, workerData } from 'node:worker_threads';
import { Catalogue } from '../indicators/catalogue.ts';
import type { CatalogueDefinition } from '../indicators/indicator.ts';
import { AppError, type ErrorCode, type Problem } from '../shared/errors.ts';
import { UnitTree, type TreeUnit } from '../units/unit-tree.ts';
import { AcceptedWindow } from '../periods/accepted-window.ts';
import { decodeBody, prepareBatch, type ParsedBatch } from './parsed-batch.ts';

/** What the batch parser's worker thread starts with (see batch-parser.ts). */
export interface ParserSetup {
  units: TreeUnit[];
  catalogue: CatalogueDefinition;
  /** The accepted window's earliest day (see accepted-window.ts). */
  earliest: string;
}

export type ParserRequest =
  | { kind: 'parse'; id: number; body: string | Uint8Array; now: number }
  | { kind: 'catalogue'; catalogue: CatalogueDefinition }
  | { kind: 'ready'; id: number };

export type ParserReply =
  | { id: number; ready: true }
  | { id: number; batch: ParsedBatch }
  | { id: number; error: { code: ErrorCode; message: string; problems?: Problem[]; details?: unknown } };

const setup = workerData as ParserSetup;
const units = new UnitTree(setup.units);
let catalogue = new Catalogue(setup.catalogue);
const window = new AcceptedWindow(setup.earliest);

parentPort?.on('message', (request: ParserRequest) => {
  if (request.kind === 'catalogue') {
    catalogue = new Catalogue(request.catalogue);
    return;
  }
  if (request.kind === 'ready') {
    parentPort?.postMessage({ id: request.id, ready: true } satisfies ParserReply);
    return;
  }
  let reply: ParserReply;
  try {
    reply = { id: request.id, batch: prepareBatch(decodeBody(request.body), units, catalogue, new Date(request.now), window) };
  } catch (error) {
    const e = error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message);
    const problems = (e.details as { problems?: Problem[] } | undefined)?.problems;
    reply = { id: request.id, error: { code: e.code, message: e.message, problems, details: problems ? undefined : e.details } };
  }
  parentPort?.postMessage(reply);
});
