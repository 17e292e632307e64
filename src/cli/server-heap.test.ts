import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, tuneServerHeap } from './server-heap.ts';

describe("the server's heap growing factor", () => {
  it('is set when Node was started without one', () => {
    expect(HEAP_GROWING_PERCENT).toBe(200);
    expect(tuneServerHeap(['--max-old-space-size=512', '--max-semi-space-size=32'])).toBe(true);
  });

  it('is left to an operator who started Node with their own, in either spelling', () => {
    expect(tuneServerHeap(['--heap-growing-percent=50'])).toBe(false);
    expect(tuneServerHeap(['--heap_growing_percent=0'])).toBe(false);
  });
});
