/** A small seeded PRNG (mulberry32): the same seed gives the same demo, byte for byte. */
export class Random {
  protected state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A fresh stream for one purpose, so that changing one part of the demo does not shift the others. */
  static of(seed: number, ...labels: (string | number)[]): Random {
    return new Random(hashSeed(seed, labels.join('|')));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Roughly normal (sum of uniforms), mean 0, standard deviation 1. */
  normal(): number {
    let s = 0;
    for (let i = 0; i < 6; i++) s += this.next();
    return (s - 3) * Math.SQRT2;
  }

  /** Log-normal around `median`: for sizes and amounts, which are skewed to the right. */
  skewed(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }
}

/** FNV-1a over the label, mixed with the seed. */
function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Draws items in proportion to their weights (cumulative table, binary search). */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly T[], weightOf: (item: T, index: number) => number) {
    let sum = 0;
    items.forEach((item, i) => {
      sum += Math.max(0, weightOf(item, i));
      this.cumulative.push(sum);
    });
    this.total = sum;
  }

  get size(): number {
    return this.items.length;
  }

  pick(random: Random): T {
    const x = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const item = this.items[lo];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}

export const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));
export const round1 = (x: number): number => Math.round(x * 10) / 10;
