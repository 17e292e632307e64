/** Splits an integer total in proportion to weights, exactly (largest remainder), so units add up to the national figure. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * total) / sum);
  const out = exact.map(Math.floor);
  let left = Math.round(total) - out.reduce((s, x) => s + x, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/** Values around `target` (one per weight), shifted so their weighted mean is `target`, each within [min, max]. */
export function centreOn(target: number, raw: readonly number[], weights: readonly number[], min: number, max: number): number[] {
  const sumW = weights.reduce((s, w) => s + w, 0);
  let values = raw.map((v) => Math.min(max, Math.max(min, v)));
  for (let i = 0; i < 6 && sumW > 0; i++) {
    const mean = values.reduce((s, v, j) => s + v * (weights[j] ?? 0), 0) / sumW;
    const shift = target - mean;
    if (Math.abs(shift) < 1e-6) break;
    values = values.map((v) => Math.min(max, Math.max(min, v + shift)));
  }
  return values;
}
