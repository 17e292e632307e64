import { BusyError } from '../shared/errors.ts';
import { isBusy } from '../store/engine.ts';
import { writeMsg } from './write-messages.ts';

/** When a refused writer should try again: another process's write rarely holds the database for long. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The store's "held by another writer" (after its bounded wait, nothing stored) as the error family's BusyError,
 * so HTTP answers 503 with `retry-after` and the CLI a sentence and its exit code; any other error unchanged.
 */
export function asBusyError(error: unknown): unknown {
  return isBusy(error) ? new BusyError(writeMsg('databaseBusy', { seconds: RETRY_AFTER_SECONDS }).vi, RETRY_AFTER_SECONDS) : error;
}
