/** A figure measured several times: its median, range and how many repetitions. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The q-quantile (0–1) of samples by the nearest-rank method; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export function figure(values: readonly number[]): Figure {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  return { median: quantile(finite, 0.5), min: Math.min(...finite), max: Math.max(...finite), runs: finite.length };
}
