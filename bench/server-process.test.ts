import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, splitCpu, startFlags } from './server-process.ts';

describe('splitting a process CPU time by thread', () => {
  it('counts the main thread by id, the busiest other as the parser, and the rest as what is left of the total', () => {
    const before = new Map([[100, 1_000], [101, 200], [102, 50], [103, 40]]);
    // Thread 103 ended during the stretch: its time is in the total only, so it falls in the rest.
    const after = new Map([[100, 1_600], [101, 600], [102, 130], [104, 20]]);
    expect(splitCpu(100, before, after, 1_200)).toEqual({ main: 600, parser: 400, rest: 200 });
  });

  it('gives NaN, not idle threads, when there is no per-thread reading', () => {
    const split = splitCpu(100, new Map(), new Map(), 1_200);
    expect([split.main, split.parser, split.rest].every(Number.isNaN)).toBe(true);
  });
});

describe('the server the bench starts', () => {
  it('runs with the Node flags of `npm start`', () => {
    expect(startFlags(JSON.stringify({ scripts: { start: 'node --a=1 --b bin/nhipso.js serve --demo' } }))).toEqual(['--a=1', '--b']);
    expect(SERVER_NODE_FLAGS).toContain('--max-old-space-size=512');
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=32');
  });
});
