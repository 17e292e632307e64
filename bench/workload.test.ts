import { describe, expect, it } from 'vitest';
import { parseEventBatch, stableAttributes } from '../src/ingest/event-batch.ts';
import { readReferenceUnits } from '../src/units/reference-units.ts';
import { UnitTree } from '../src/units/unit-tree.ts';
import { NdjsonWriter, toLine, Workload, type EventRow } from './workload.ts';

const until = new Date('2026-11-23T09:30:00Z');
const workload = new Workload({ seed: 2026, until, months: 2 });
const lines = (w: Workload, from: number, count: number) => w.ndjson(from, count).trimEnd().split('\n');

describe('the benchmark workload', () => {
  it('is the same stream for the same seed, and another for another seed', () => {
    const again = new Workload({ seed: 2026, until, months: 2 });
    const other = new Workload({ seed: 7, until, months: 2 });
    expect(again.ndjson(0, 500)).toBe(workload.ndjson(0, 500));
    expect(other.ndjson(0, 500)).not.toBe(workload.ndjson(0, 500));
  });

  it('makes event n the same whatever batch it is sent in', () => {
    const whole = lines(workload, 0, 300);
    expect([...lines(workload, 0, 100), ...lines(workload, 100, 200)]).toEqual(whole);
    expect(new NdjsonWriter(workload).write(250, 50).toString('utf8').trimEnd().split('\n')).toEqual(whole.slice(250));
  });

  it('passes the server’s own validation against the default catalogue and the 3,374 units', () => {
    const units = new UnitTree(readReferenceUnits().map((u) => ({ code: u.code, kind: u.kind, parent: u.parent_code ?? null, name: u.name, nameEn: u.name_en })));
    const events = parseEventBatch(workload.ndjson(0, 5_000), units, workload.catalogue, until);
    expect(events).toHaveLength(5_000);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(workload.eventTypes));
    expect(workload.eventTypes).toContain('dossier.submitted');
  });

  it('gives the bulk-insert ceiling exactly the rows the server stores', () => {
    const rows: EventRow[] = [];
    workload.forEachRow(0, 1_000, (r) => rows.push({ ...r }));
    expect(rows.map(toLine)).toEqual(lines(workload, 0, 1_000));
    for (const r of rows) {
      expect(r.attributes).toBe(stableAttributes(JSON.parse(r.attributes) as Record<string, string | number | boolean>));
      expect(r.time).toBe(new Date(r.time).toISOString());
    }
  });

  it('keeps every event inside the months asked for and none after `until`', () => {
    const times: string[] = [];
    workload.forEachRow(0, 20_000, (r) => times.push(r.time));
    times.sort();
    expect(times[0]?.localeCompare('2026-09-30T17:00:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(times.at(-1)?.localeCompare(until.toISOString())).toBeLessThanOrEqual(0);
    expect(times.filter((t) => t >= '2026-10-31T17:00:00.000Z').length).toBeGreaterThan(5_000);
  });

  it('sends more events per commune to the big cities than to a mountain province', () => {
    const units = readReferenceUnits();
    const provinceOf = new Map(units.map((u) => [u.code, u.parent_code]));
    const communes = (p: string) => units.filter((u) => u.parent_code === p).length;
    const perProvince = new Map<string, number>();
    workload.forEachRow(0, 50_000, (r) => {
      const p = provinceOf.get(r.unit) ?? '';
      perProvince.set(p, (perProvince.get(p) ?? 0) + 1);
    });
    const perCommune = (p: string) => (perProvince.get(p) ?? 0) / communes(p);
    expect(perCommune('79')).toBeGreaterThan(2 * perCommune('04'));
    expect(perCommune('01')).toBeGreaterThan(2 * perCommune('04'));
    expect(perProvince.get('VN')).toBeGreaterThan(0); // ministries (parent: the Nation) get their share too
  });
});
