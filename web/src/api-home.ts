import { getJson } from './api.ts';

/** The server's own schema, so the page cannot drift from what the API answers. */
export type { Attention, DueSoonTask, OverdueTask, Shortfall, UnitDrop } from '../../src/attention/attention.schema.ts';
import type { Attention } from '../../src/attention/attention.schema.ts';

/** "Cần chú ý" for a unit (the Nation when none is given) in a month. */
export function getAttention(unit: string | undefined, period: string, signal?: AbortSignal): Promise<Attention> {
  return getJson<Attention>('/api/attention', { unit, period }, signal);
}
