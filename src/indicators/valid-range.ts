import type { IndicatorDefinition, ValidRange } from './indicator.ts';
import { indicatorReason } from './indicator-messages.ts';

type Why = { reason: string; reasonEn: string };

/** Why a reported value cannot be one of the indicator's values (outside its range, or not whole), if it cannot. */
export function valueProblem(def: Pick<IndicatorDefinition, 'code' | 'valid'>, value: number): Why | undefined {
  const { valid } = def;
  if (!valid) return undefined;
  if (!inRange(valid, value)) return indicatorReason('outOfRange', { value, code: def.code, ...rangeText(valid) });
  if (valid.integer && !Number.isInteger(value)) return indicatorReason('notWhole', { value, code: def.code });
  return undefined;
}

/** The same test for a target: a target the indicator can never reach (150 %, −3 villages) is refused. */
export function targetProblem(valid: ValidRange | undefined, value: number): Why | undefined {
  if (!valid || inRange(valid, value)) return undefined;
  return indicatorReason('targetOutOfRange', { value, ...rangeText(valid) });
}

const inRange = (valid: ValidRange, value: number) => (valid.min === undefined || value >= valid.min) && (valid.max === undefined || value <= valid.max);

function rangeText({ min, max, integer }: ValidRange): { range: string; rangeEn: string } {
  const whole = integer ? { vi: ', số nguyên', en: ', whole numbers' } : { vi: '', en: '' };
  if (min !== undefined && max !== undefined) return { range: `từ ${min} đến ${max}${whole.vi}`, rangeEn: `${min} to ${max}${whole.en}` };
  if (min !== undefined) return { range: `từ ${min} trở lên${whole.vi}`, rangeEn: `${min} or more${whole.en}` };
  if (max !== undefined) return { range: `không quá ${max}${whole.vi}`, rangeEn: `at most ${max}${whole.en}` };
  return { range: 'mọi số', rangeEn: 'any number' };
}
