import { describe, expect, it } from 'vitest';
import { isNotableDrop, ranksWorthNoting } from './drop-rule.ts';

describe('a notable drop', () => {
  it('is any fall to a lower band, even of one place', () => {
    expect(isNotableDrop({ band: 'kha', rank: 10, peers: 34 }, { band: 'trung_binh', rank: 11, peers: 34 })).toBe(true);
  });

  it('is a fall of a tenth of the peers, at least three places, within the same band', () => {
    expect(ranksWorthNoting(18)).toBe(3);
    expect(ranksWorthNoting(34)).toBe(4);
    expect(ranksWorthNoting(126)).toBe(13);
    expect(isNotableDrop({ band: 'kha', rank: 2, peers: 34 }, { band: 'kha', rank: 6, peers: 34 })).toBe(true);
    expect(isNotableDrop({ band: 'kha', rank: 2, peers: 34 }, { band: 'kha', rank: 5, peers: 34 })).toBe(false);
  });

  it('is no fall of places for a unit ranked for the first time, or no longer ranked (rank 0: too little reported)', () => {
    expect(isNotableDrop({ band: 'kha', rank: 0, peers: 0 }, { band: 'kha', rank: 16, peers: 17 })).toBe(false);
    expect(isNotableDrop({ band: 'kha', rank: 3, peers: 34 }, { band: 'kha', rank: 0, peers: 30 })).toBe(false);
  });

  it('is never a rise, whatever the places', () => {
    expect(isNotableDrop({ band: 'yeu', rank: 30, peers: 34 }, { band: 'tot', rank: 1, peers: 34 })).toBe(false);
  });
});
